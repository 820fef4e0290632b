-- Lock-and-fetch: reads up to ARGV[2] due jobs that no other instance has reserved, and reserves them for ARGV[3]
-- milliseconds of the server's clock, so that instances claiming at once take disjoint batches (as
-- FOR UPDATE SKIP LOCKED does in a database). A reservation only steers the instances: every claim still compares
-- the job's version. It ends with the job's claim (claim-jobs.lua), with its release, or when it runs out.
-- KEYS: jobs, run_times, versions, quarantined, reserved
-- ARGV: the latest due score, at most so many jobs, how long a reservation lasts (milliseconds)
-- Returns, for each job reserved: id, state, version, quarantine reason, score (as read-jobs.lua).
local jobs, run_times, versions, quarantined, reserved = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local limit = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', reserved, '-inf', now)
local out = {}
local orphans = {}
local taken, offset = 0, 0
local chunk = math.max(2 * limit, 64)
while taken < limit do
  local ids = redis.call('ZRANGEBYSCORE', run_times, '-inf', ARGV[1], 'LIMIT', offset, chunk)
  for _, id in ipairs(ids) do
    if taken < limit and not redis.call('ZSCORE', reserved, id) then
      local state = redis.call('HGET', jobs, id)
      if state then
        redis.call('ZADD', reserved, now + tonumber(ARGV[3]), id)
        taken = taken + 1
        out[#out + 1] = id
        out[#out + 1] = state
        out[#out + 1] = redis.call('HGET', versions, id) or ''
        out[#out + 1] = redis.call('HGET', quarantined, id) or ''
        out[#out + 1] = redis.call('ZSCORE', run_times, id) or ''
      else
        orphans[#orphans + 1] = id
      end
    end
  end
  if #ids < chunk then break end
  offset = offset + chunk
end
-- a run time whose job has no record (written past the store) would be the earliest next run time forever
for _, id in ipairs(orphans) do redis.call('ZREM', run_times, id) end
return out
