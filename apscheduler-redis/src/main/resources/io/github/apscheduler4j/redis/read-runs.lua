-- Reads runs in one atomic step. KEYS: runs, run_states, run_leases
-- ARGV[1] = 'all', or 'leases_until' (ARGV[2]: the latest lease end score)
-- Returns, per run: key, meta, state ('' when missing).
local runs, run_states, run_leases = KEYS[1], KEYS[2], KEYS[3]
local keys
if ARGV[1] == 'all' then
  keys = redis.call('HKEYS', runs)
else
  keys = redis.call('ZRANGEBYSCORE', run_leases, '-inf', ARGV[2])
end
local out = {}
for _, key in ipairs(keys) do
  local meta = redis.call('HGET', runs, key)
  if meta then
    out[#out + 1] = key
    out[#out + 1] = meta
    out[#out + 1] = redis.call('HGET', run_states, key) or ''
  end
end
return out
