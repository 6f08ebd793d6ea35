/**
 * Lua scripts for counters, run atomically by Redis. A counter's value is `base + n`: `n`
 * holds the changes made since Redis last started empty, `base` what the processes
 * remembered of the counter from before (0 normally). Each call passes, per counter, the
 * epoch and value the caller last saw; when the epoch in Redis differs (Redis restarted empty),
 * `base` rises to that remembered value, so a restart cannot hand a spent budget out again.
 *
 * Numbers go back to JavaScript as `%.17g` strings: Redis would truncate Lua numbers to integers.
 */

/** Shared prelude: epoch handling and a counter's read with the caller's memory applied. */
const PRELUDE = `
local epoch = redis.call('GET', KEYS[1])
if not epoch then
  epoch = ARGV[1]
  redis.call('SET', KEYS[1], epoch)
end
local function fmt(x) return string.format('%.17g', x) end
local function expire(key, ttl)
  if ttl > 0 and redis.call('PTTL', key) < 0 then redis.call('PEXPIRE', key, ttl) end
end
local function current(nk, bk, seenEpoch, seenValue, ttl)
  local base = tonumber(redis.call('GET', bk) or '0')
  if seenEpoch ~= '' and seenEpoch ~= epoch and seenValue > base then
    base = seenValue
    redis.call('SET', bk, fmt(base))
    expire(bk, ttl)
  end
  return base + tonumber(redis.call('GET', nk) or '0')
end
`;

/**
 * reserve: KEYS = epoch, then (n, base) per entry. ARGV = newEpoch, count, then per entry:
 * amount, limit ('none' for no limit), ttlMs (0: none), seenEpoch ('' when never seen), seenValue.
 * Returns {1, epoch, value...} or {0, epoch, failedIndex (0-based), value}.
 */
export const RESERVE_LUA = `${PRELUDE}
local count = tonumber(ARGV[2])
local values = {}
for i = 1, count do
  local a = 3 + (i - 1) * 5
  local value = current(KEYS[2 * i], KEYS[2 * i + 1], ARGV[a + 3], tonumber(ARGV[a + 4]), tonumber(ARGV[a + 2]))
  local limit = ARGV[a + 1]
  if limit ~= 'none' and value + tonumber(ARGV[a]) > tonumber(limit) then
    return {0, epoch, i - 1, fmt(value)}
  end
  values[i] = value
end
local out = {1, epoch}
for i = 1, count do
  local a = 3 + (i - 1) * 5
  local amount = tonumber(ARGV[a])
  local nk = KEYS[2 * i]
  if amount ~= 0 then redis.call('INCRBYFLOAT', nk, ARGV[a]) end
  expire(nk, tonumber(ARGV[a + 2]))
  out[i + 2] = fmt(values[i] + amount)
end
return out
`;

/** add: KEYS = epoch, n, base. ARGV = newEpoch, delta, ttlMs, seenEpoch, seenValue. Returns {epoch, value}. */
export const ADD_LUA = `${PRELUDE}
local value = current(KEYS[2], KEYS[3], ARGV[4], tonumber(ARGV[5]), tonumber(ARGV[3]))
local delta = tonumber(ARGV[2])
if delta ~= 0 then redis.call('INCRBYFLOAT', KEYS[2], ARGV[2]) end
expire(KEYS[2], tonumber(ARGV[3]))
return {epoch, fmt(value + delta)}
`;

/** get: KEYS = (n, base) per counter. Returns the values. */
export const GET_LUA = `
local out = {}
for i = 1, #KEYS / 2 do
  out[i] = string.format('%.17g', tonumber(redis.call('GET', KEYS[2 * i - 1]) or '0') + tonumber(redis.call('GET', KEYS[2 * i]) or '0'))
end
return out
`;
