import { describe, expect, it } from 'vitest';
import { booleanOption, settingsFromCreateOptions, stringListOption, stringOption } from '../src/internal.js';

describe('vendor option readers', () => {
  it('read an option by its config name, else by its camelCase form', () => {
    expect(stringOption({ site_url: 'https://a.example' }, 'site_url')).toBe('https://a.example');
    expect(stringOption({ siteUrl: 'https://b.example' }, 'site_url')).toBe('https://b.example');
    expect(stringOption({ site_url: '', siteUrl: 'https://b.example' }, 'site_url')).toBe('https://b.example');
    expect(stringOption({ site_url: 3 }, 'site_url')).toBeUndefined();
    expect(stringOption(undefined, 'site_url')).toBeUndefined();
    expect(stringListOption({ dropParams: ['a', 'b'] }, 'drop_params')).toEqual(['a', 'b']);
    expect(stringListOption({ drop_params: [1] }, 'drop_params')).toBeUndefined();
  });

  it('take a boolean from the first spelling that is set, and nothing else', () => {
    expect(booleanOption({ usage_accounting: false }, 'usage_accounting')).toBe(false);
    expect(booleanOption({ usageAccounting: true }, 'usage_accounting')).toBe(true);
    expect(booleanOption({ usage_accounting: 'no', usageAccounting: true }, 'usage_accounting')).toBeUndefined();
    expect(booleanOption({}, 'usage_accounting')).toBeUndefined();
  });

  it('serve settingsFromCreateOptions', () => {
    expect(settingsFromCreateOptions({ id: 'x', options: { dropParams: ['seed'], stream_usage: false, requireDone: true } })).toEqual({
      id: 'x',
      baseUrl: undefined,
      dropParams: ['seed'],
      streamUsage: false,
      requireDone: true,
    });
  });
});
