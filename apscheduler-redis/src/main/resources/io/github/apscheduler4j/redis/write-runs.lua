-- The run ledger's writes. A run is three entries under its key (job id @ exact fire time): its meta (JSON:
-- job_id, fire_time, instance_id, lease_end, attempt, phase, version), its job's state, and its lease end's score.
-- Every change but 'record' is a compare-and-set on the run's holder or version, and raises its version.
-- KEYS: runs, run_states, run_leases
-- ARGV[1] = 'record' (then per run: key, meta, state, lease end),
--           'renew' (instance, new lease end, then the keys of the runs it holds: those still RUNNING under it),
--           'expire' (instance, now: the lease end of each of its RUNNING runs whose lease runs on past now),
--           'end' (key, holder), 'release' (key, holder, phase, attempt, from),
--           'take_over' (key, version read, instance, attempt, lease end)
-- Returns how many runs were written.
local runs, run_states, run_leases = KEYS[1], KEYS[2], KEYS[3]
local op = ARGV[1]
local function save(key, meta)
  meta.version = meta.version + 1
  redis.call('HSET', runs, key, cjson.encode(meta))
  redis.call('ZADD', run_leases, meta.lease_end, key)
end
if op == 'record' then
  local n = (#ARGV - 1) / 4
  for i = 1, n do
    local b = 1 + 4 * (i - 1)
    redis.call('HSET', runs, ARGV[b + 1], ARGV[b + 2])
    redis.call('HSET', run_states, ARGV[b + 1], ARGV[b + 3])
    redis.call('ZADD', run_leases, ARGV[b + 4], ARGV[b + 1])
  end
  return n
elseif op == 'renew' then
  local instance, lease_end = ARGV[2], tonumber(ARGV[3])
  local renewed = 0
  for i = 4, #ARGV do
    local found = redis.call('HGET', runs, ARGV[i])
    if found then
      local meta = cjson.decode(found)
      if meta.instance_id == instance and meta.phase == 'RUNNING' then
        meta.lease_end = lease_end
        save(ARGV[i], meta)
        renewed = renewed + 1
      end
    end
  end
  return renewed
elseif op == 'expire' then
  local instance, now = ARGV[2], tonumber(ARGV[3])
  local all = redis.call('HGETALL', runs)
  local expired = 0
  for i = 1, #all, 2 do
    local meta = cjson.decode(all[i + 1])
    if meta.instance_id == instance and meta.phase == 'RUNNING' and meta.lease_end > now then
      meta.lease_end = now
      save(all[i], meta)
      expired = expired + 1
    end
  end
  return expired
end
local key = ARGV[2]
local found = redis.call('HGET', runs, key)
if not found then return 0 end
local meta = cjson.decode(found)
if op == 'end' then
  if meta.instance_id ~= ARGV[3] then return 0 end
  redis.call('HDEL', runs, key)
  redis.call('HDEL', run_states, key)
  redis.call('ZREM', run_leases, key)
  return 1
elseif op == 'release' then
  if meta.instance_id ~= ARGV[3] then return 0 end
  meta.instance_id = nil
  meta.phase = ARGV[4]
  meta.attempt = tonumber(ARGV[5])
  meta.lease_end = tonumber(ARGV[6])
  save(key, meta)
  return 1
elseif op == 'take_over' then
  if meta.version ~= tonumber(ARGV[3]) then return 0 end
  meta.instance_id = ARGV[4]
  meta.phase = 'RUNNING'
  meta.attempt = tonumber(ARGV[5])
  meta.lease_end = tonumber(ARGV[6])
  save(key, meta)
  return 1
end
return redis.error_reply('unknown run ledger write ' .. tostring(op))
