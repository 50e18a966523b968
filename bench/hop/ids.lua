-- wrk script for bench/hop-benchmark.sh: a different call-record id on every request, so that no two
-- requests in flight ask for the same record (the service shares identical in-flight Graph GETs).
-- Arguments after "--": <file with one id per line> <path prefix, e.g. /api/v1/call-records/> <wrk threads>
-- [<suffix after the id, e.g. ?include=participants,segments>]
local threads = 0

function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

function init(args)
  ids = {}
  for line in io.lines(args[1]) do
    if line ~= "" then ids[#ids + 1] = line end
  end
  prefix = args[2]
  n = tid or 0
  stride = tonumber(args[3]) or 1   -- with -t2, thread 0 takes the even ids and thread 1 the odd ones
  suffix = args[4] or ""
end

function request()
  n = n + stride
  return wrk.format("GET", prefix .. ids[(n % #ids) + 1] .. suffix)
end
