-- Replaces a job's state if it still has the version read: a compare-and-set.
-- KEYS: jobs, run_times, versions, quarantined, changes channel
-- ARGV: writing instance, id, version read, new score ('' while paused), new state
-- Returns 1 when written, 0 when the version differs, -1 when there is no readable record of the id.
local jobs, run_times, versions, quarantined, channel = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local id = ARGV[2]
if redis.call('HEXISTS', jobs, id) == 0 or redis.call('HEXISTS', quarantined, id) == 1 then return -1 end
if redis.call('HGET', versions, id) ~= ARGV[3] then return 0 end
redis.call('HSET', jobs, id, ARGV[5])
redis.call('HINCRBY', versions, id, 1)
if ARGV[4] == '' then
  redis.call('ZREM', run_times, id)
else
  redis.call('ZADD', run_times, ARGV[4], id)
end
redis.call('PUBLISH', channel, ARGV[1])
return 1
