import { ANTHROPIC_ERROR_STATUS } from '@modelmesh/testing/servers';
import { describe, expect, it } from 'vitest';
import { ANTHROPIC_ERROR_TYPE_STATUS } from '../src/internal.js';

// The provider cannot import the fake server's table (testing is only a dev dependency) and the fake
// server must not import the provider's (it is the reference the provider is tested against), so
// this test keeps the two tables of Anthropic's "Errors" reference in agreement.
describe('the status of each Anthropic error type', () => {
  it('is the same in the provider and in the fake Anthropic server', () => {
    expect(ANTHROPIC_ERROR_TYPE_STATUS).toEqual(ANTHROPIC_ERROR_STATUS);
  });
});
