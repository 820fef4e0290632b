-- Claims due runs, each a compare-and-set on its job's version, and records the run of each claim that won and
-- carries one, in the same atomic step: no claim wins without its run.
-- Each claim, won or lost, ends the job's reservation (reserve-due.lua).
-- KEYS: jobs, run_times, versions, quarantined, claims, runs, run_states, run_leases, reserved
-- ARGV[1] = the claim's mark ({"claimed_by": ..., "claimed_at": ...}); then, per claim, 8 values:
--   id, version read, next score ('' removes the job: its trigger is exhausted), next state,
--   run key ('' when no run is recorded), run meta, run state, lease end score
-- Returns 1 or 0 per claim, in order.
local jobs, run_times, versions, quarantined, claims = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local runs, run_states, run_leases, reserved = KEYS[6], KEYS[7], KEYS[8], KEYS[9]
local mark = ARGV[1]
local won = {}
local n = (#ARGV - 1) / 8
for i = 1, n do
  local b = 1 + 8 * (i - 1)
  local id, version, score, state = ARGV[b + 1], ARGV[b + 2], ARGV[b + 3], ARGV[b + 4]
  redis.call('ZREM', reserved, id)
  if redis.call('HEXISTS', quarantined, id) == 0 and redis.call('HGET', versions, id) == version
      and redis.call('HEXISTS', jobs, id) == 1 then
    if score == '' then
      redis.call('HDEL', jobs, id)
      redis.call('HDEL', versions, id)
      redis.call('HDEL', claims, id)
      redis.call('ZREM', run_times, id)
    else
      redis.call('HSET', jobs, id, state)
      redis.call('HINCRBY', versions, id, 1)
      redis.call('HSET', claims, id, mark)
      redis.call('ZADD', run_times, score, id)
    end
    local run = ARGV[b + 5]
    if run ~= '' then
      redis.call('HSET', runs, run, ARGV[b + 6])
      redis.call('HSET', run_states, run, ARGV[b + 7])
      redis.call('ZADD', run_leases, ARGV[b + 8], run)
    end
    won[i] = 1
  else
    won[i] = 0
  end
end
return won
