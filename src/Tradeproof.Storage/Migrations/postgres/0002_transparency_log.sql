-- 0002: the transparency log (issue #8). Placeholder until its tables land.
SELECT 1;
