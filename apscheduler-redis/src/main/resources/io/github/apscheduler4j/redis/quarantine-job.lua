-- Flags a record as unreadable, unless it is flagged already or has changed since it was read. Its state stays as
-- found; its run time moves from the run times, so that it is never due, to the quarantined ones, as it was.
-- KEYS: jobs, run_times, versions, quarantined, quarantined_run_times
-- ARGV: id, version read ('' when the record's version itself is unreadable), reason
-- Returns 1 when this call flagged it.
local jobs, run_times, versions, quarantined = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local id = ARGV[1]
if redis.call('HEXISTS', jobs, id) == 0 or redis.call('HEXISTS', quarantined, id) == 1 then return 0 end
if ARGV[2] ~= '' and redis.call('HGET', versions, id) ~= ARGV[2] then return 0 end
redis.call('HSET', quarantined, id, ARGV[3])
local score = redis.call('ZSCORE', run_times, id)
if score then redis.call('ZADD', KEYS[5], score, id) end
redis.call('ZREM', run_times, id)
return 1
