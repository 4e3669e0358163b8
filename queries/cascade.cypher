// name: cascade
// description: How a higher region's agencies hand their tasks down: each upper agency that carries duties, its lower counterpart(s) that carry duties, and the pairs of their tasks where the lower one derives from the upper one.
// param upper: region, example 河南省 -- the higher region (a province, or a city above its counties)
// param lower: region, example 许昌市 -- the lower region
// param min_tasks: int, default 0, example 1 -- only agency pairs with at least this many derived task pairs
MATCH (u:Agency)
WHERE u.region = $upper AND EXISTS { MATCH (u)-[:RESPONSIBLE_FOR]->(:Task) }
MATCH (l:Agency)-[c:COUNTERPART_OF]->(u)
WHERE l.region = $lower AND EXISTS { MATCH (l)-[:RESPONSIBLE_FOR]->(:Task) }
OPTIONAL MATCH (u)-[:RESPONSIBLE_FOR]->(ut:Task)<-[d:DERIVED_FROM]-(lt:Task)<-[:RESPONSIBLE_FOR]-(l)
WITH u, l, c, count(d) AS n_tasks
WHERE n_tasks >= $min_tasks
OPTIONAL MATCH (u)-[:RESPONSIBLE_FOR]->(ut:Task)<-[d:DERIVED_FROM]-(lt:Task)<-[:RESPONSIBLE_FOR]-(l)
RETURN u.key AS upper_key, u.name AS upper, u.aliases AS upper_aliases,
       l.key AS lower_key, l.name AS lower, l.aliases AS lower_aliases,
       c.score AS score, c.basis AS basis, n_tasks,
       ut.key AS upper_task_key, ut.text AS upper_task, lt.key AS lower_task_key, lt.text AS lower_task,
       d.score AS task_score
ORDER BY u.key, l.key, ut.key, lt.key
