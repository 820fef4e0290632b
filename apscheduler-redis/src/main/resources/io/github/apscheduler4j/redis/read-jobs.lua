-- Reads job records in one atomic step, so that a state is never paired with another write's version.
-- KEYS: jobs, run_times, versions, quarantined
-- ARGV[1] = 'ids' (ARGV[2..]: the ids), 'due' (ARGV[2]: the latest score, ARGV[3]: at most so many),
--           'after' (ARGV[2]: the earliest score; the first record from it on), 'all', 'quarantined'
-- Returns, for each record: id, state, version, quarantine reason, score ('' where there is none). A run time whose
-- job has no record (written past the store) is dropped from the sorted set when read as due, so that it is not the
-- earliest next run time forever.
local jobs, run_times, versions, quarantined = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local mode = ARGV[1]
local ids
if mode == 'ids' then
  ids = {}
  for i = 2, #ARGV do ids[#ids + 1] = ARGV[i] end
elseif mode == 'due' then
  ids = redis.call('ZRANGEBYSCORE', run_times, '-inf', ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))
elseif mode == 'after' then
  ids = redis.call('ZRANGEBYSCORE', run_times, ARGV[2], '+inf', 'LIMIT', 0, 1)
elseif mode == 'all' then
  ids = redis.call('HKEYS', jobs)
elseif mode == 'quarantined' then
  ids = redis.call('HKEYS', quarantined)
else
  return redis.error_reply('unknown read mode ' .. tostring(mode))
end
local out = {}
for _, id in ipairs(ids) do
  local state = redis.call('HGET', jobs, id)
  if not state and mode == 'due' then
    redis.call('ZREM', run_times, id)
  end
  if state or mode == 'quarantined' then
    out[#out + 1] = id
    out[#out + 1] = state or ''
    out[#out + 1] = redis.call('HGET', versions, id) or ''
    out[#out + 1] = redis.call('HGET', quarantined, id) or ''
    out[#out + 1] = redis.call('ZSCORE', run_times, id) or ''
  end
end
return out
