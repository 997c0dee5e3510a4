-- First-time traffic for wrk: cycles through the request paths of a file, one per line, in order,
-- wrapping around at the end. bench/run.py writes the files (800 distinct paths of one kind of URL).
--
--   wrk -t1 -c64 -d5s --latency -s bench/first-time.lua http://127.0.0.1:8080 -- paths.txt
--
-- The file may also be named by the environment variable BENCH_PATHS. With -t1 there is one Lua
-- state, so every connection takes the next path of one shared cycle.

local requests = {}
local next_request = 0

function init(args)
    local file = args[1] or os.getenv("BENCH_PATHS")
    if file == nil then
        error("first-time.lua: name a file of request paths after --, or in BENCH_PATHS")
    end
    for line in io.lines(file) do
        if line ~= "" then
            requests[#requests + 1] = wrk.format("GET", line)
        end
    end
    if #requests == 0 then
        error("first-time.lua: " .. file .. " has no request paths")
    end
end

function request()
    next_request = next_request % #requests + 1
    return requests[next_request]
end
