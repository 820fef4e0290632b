-- Adds jobs, all or none: none when one's id is stored already (a quarantined record counts).
-- KEYS: jobs, run_times, versions, changes channel
-- ARGV[1] = the writing instance (the notification's payload); then, per job: id, score ('' while paused), state
-- Returns 0 when the jobs were added, else the position (from 1) of the first job whose id is taken.
local jobs, run_times, versions, channel = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local n = (#ARGV - 1) / 3
for i = 1, n do
  if redis.call('HEXISTS', jobs, ARGV[3 * i - 1]) == 1 then return i end
end
for i = 1, n do
  local id, score, state = ARGV[3 * i - 1], ARGV[3 * i], ARGV[3 * i + 1]
  redis.call('HSET', jobs, id, state)
  redis.call('HSET', versions, id, 1)
  if score ~= '' then redis.call('ZADD', run_times, score, id) end
end
if n > 0 then redis.call('PUBLISH', channel, ARGV[1]) end
return 0
