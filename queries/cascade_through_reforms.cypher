// name: cascade_through_reforms
// description: The cascade (see cascade) with the tasks of the agencies either one succeeded or was succeeded by in a reform (through = reform, via = the agency that carries the task).
// show: upper, lower, score, upper_task, lower_task, task_score
// param upper: region, example 河南省 -- the higher region (a province, or a city above its counties)
// param lower: region, example 许昌市 -- the lower region
// sort: upper_key, lower_key, upper_task_key, lower_task_key, through
// A query of its own (not a parameter-guarded branch of cascade): LadybugDB plans and runs every UNION
// branch whatever a guard parameter says, so the plain cascade would pay for these two.
MATCH (l:Agency)-[c:COUNTERPART_OF]->(u:Agency)
WHERE u.region = $upper AND l.region = $lower
OPTIONAL MATCH (l)-[:RESPONSIBLE_FOR]->(lt:Task)-[d:DERIVED_FROM]->(ut:Task)<-[:RESPONSIBLE_FOR]-(u)
RETURN u.key AS upper_key, u.name AS upper, u.aliases AS upper_aliases, u.collective AS upper_collective,
       l.key AS lower_key, l.name AS lower, l.aliases AS lower_aliases, l.collective AS lower_collective,
       c.score AS score, c.basis AS basis,
       ut.key AS upper_task_key, ut.text AS upper_task, lt.key AS lower_task_key, lt.text AS lower_task,
       d.score AS task_score, '' AS through, '' AS via
UNION ALL
MATCH (l:Agency)-[c:COUNTERPART_OF]->(u:Agency)
WHERE u.region = $upper AND l.region = $lower
MATCH (u)-[s:SUCCEEDED_BY]-(ux:Agency)
WHERE s.share = 'whole'
MATCH (l)-[:RESPONSIBLE_FOR]->(lt:Task)-[d:DERIVED_FROM]->(ut:Task)<-[:RESPONSIBLE_FOR]-(ux)
RETURN u.key AS upper_key, u.name AS upper, u.aliases AS upper_aliases, u.collective AS upper_collective,
       l.key AS lower_key, l.name AS lower, l.aliases AS lower_aliases, l.collective AS lower_collective,
       c.score AS score, c.basis AS basis,
       ut.key AS upper_task_key, ut.text AS upper_task, lt.key AS lower_task_key, lt.text AS lower_task,
       d.score AS task_score, 'reform' AS through, ux.key AS via
UNION ALL
MATCH (l:Agency)-[c:COUNTERPART_OF]->(u:Agency)
WHERE u.region = $upper AND l.region = $lower
MATCH (l)-[s:SUCCEEDED_BY]-(lx:Agency)
WHERE s.share = 'whole'
MATCH (lx)-[:RESPONSIBLE_FOR]->(lt:Task)-[d:DERIVED_FROM]->(ut:Task)<-[:RESPONSIBLE_FOR]-(u)
RETURN u.key AS upper_key, u.name AS upper, u.aliases AS upper_aliases, u.collective AS upper_collective,
       l.key AS lower_key, l.name AS lower, l.aliases AS lower_aliases, l.collective AS lower_collective,
       c.score AS score, c.basis AS basis,
       ut.key AS upper_task_key, ut.text AS upper_task, lt.key AS lower_task_key, lt.text AS lower_task,
       d.score AS task_score, 'reform' AS through, lx.key AS via
