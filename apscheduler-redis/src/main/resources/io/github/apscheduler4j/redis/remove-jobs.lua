-- Removes one job, a quarantined record too, or every job ('*' as the id). The run ledger is left alone.
-- KEYS: jobs, run_times, versions, quarantined, claims, changes channel, quarantined_run_times
-- ARGV: writing instance, id or '*'
-- Returns how many records were removed.
local channel = KEYS[6]
local removed
if ARGV[2] == '*' then
  removed = redis.call('HLEN', KEYS[1])
  redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[7])
else
  removed = redis.call('HDEL', KEYS[1], ARGV[2])
  redis.call('ZREM', KEYS[2], ARGV[2])
  redis.call('HDEL', KEYS[3], ARGV[2])
  redis.call('HDEL', KEYS[4], ARGV[2])
  redis.call('HDEL', KEYS[5], ARGV[2])
  redis.call('ZREM', KEYS[7], ARGV[2])
end
if removed > 0 then redis.call('PUBLISH', channel, ARGV[1]) end
return removed
