-- 0003: customs (trust registry, outbox of provisional messages, routing; issue #8). Placeholder until its tables land.
SELECT 1;
