// name: cascade
// description: How a higher region's agencies hand their tasks down: each upper agency, its lower counterpart(s), and the pairs of their tasks where the lower one derives from the upper one; with through_reforms also the tasks of the agencies either one succeeded or was succeeded by in a reform (through = reform, via = the agency that carries the task).
// show: upper, lower, score, upper_task, lower_task, task_score
// param upper: region, example 河南省 -- the higher region (a province, or a city above its counties)
// param lower: region, example 许昌市 -- the lower region
// param through_reforms: bool, default false, example true -- also follow reform successions (whole functions)
// sort: upper_key, lower_key, upper_task_key, lower_task_key, through
// One MATCH chain from the counterpart pair: LadybugDB extends it (an EXISTS would join whole tables).
MATCH (l:Agency)-[c:COUNTERPART_OF]->(u:Agency)
WHERE u.region = $upper AND l.region = $lower
OPTIONAL MATCH (l)-[:RESPONSIBLE_FOR]->(lt:Task)-[d:DERIVED_FROM]->(ut:Task)<-[:RESPONSIBLE_FOR]-(u)
RETURN u.key AS upper_key, u.name AS upper, u.aliases AS upper_aliases,
       l.key AS lower_key, l.name AS lower, l.aliases AS lower_aliases,
       c.score AS score, c.basis AS basis,
       ut.key AS upper_task_key, ut.text AS upper_task, lt.key AS lower_task_key, lt.text AS lower_task,
       d.score AS task_score, '' AS through, '' AS via
UNION ALL
MATCH (l:Agency)-[c:COUNTERPART_OF]->(u:Agency)
WHERE $through_reforms AND u.region = $upper AND l.region = $lower
MATCH (u)-[s:SUCCEEDED_BY]-(ux:Agency)
WHERE s.share = 'whole'
MATCH (l)-[:RESPONSIBLE_FOR]->(lt:Task)-[d:DERIVED_FROM]->(ut:Task)<-[:RESPONSIBLE_FOR]-(ux)
RETURN u.key AS upper_key, u.name AS upper, u.aliases AS upper_aliases,
       l.key AS lower_key, l.name AS lower, l.aliases AS lower_aliases,
       c.score AS score, c.basis AS basis,
       ut.key AS upper_task_key, ut.text AS upper_task, lt.key AS lower_task_key, lt.text AS lower_task,
       d.score AS task_score, 'reform' AS through, ux.key AS via
UNION ALL
MATCH (l:Agency)-[c:COUNTERPART_OF]->(u:Agency)
WHERE $through_reforms AND u.region = $upper AND l.region = $lower
MATCH (l)-[s:SUCCEEDED_BY]-(lx:Agency)
WHERE s.share = 'whole'
MATCH (lx)-[:RESPONSIBLE_FOR]->(lt:Task)-[d:DERIVED_FROM]->(ut:Task)<-[:RESPONSIBLE_FOR]-(u)
RETURN u.key AS upper_key, u.name AS upper, u.aliases AS upper_aliases,
       l.key AS lower_key, l.name AS lower, l.aliases AS lower_aliases,
       c.score AS score, c.basis AS basis,
       ut.key AS upper_task_key, ut.text AS upper_task, lt.key AS lower_task_key, lt.text AS lower_task,
       d.score AS task_score, 'reform' AS through, lx.key AS via
