// name: cascade
// description: How a higher region's agencies hand their tasks down: each upper agency, its lower counterpart(s), and the pairs of their tasks where the lower one derives from the upper one (cascade_through_reforms also follows reforms).
// show: upper, lower, score, upper_task, lower_task, task_score
// param upper: region, example 河南省 -- the higher region (a province, or a city above its counties)
// param lower: region, example 许昌市 -- the lower region
// sort: upper_key, lower_key, upper_task_key, lower_task_key, through
// One MATCH chain from the counterpart pair: LadybugDB extends it (an EXISTS would join whole tables).
MATCH (l:Agency)-[c:COUNTERPART_OF]->(u:Agency)
WHERE u.region = $upper AND l.region = $lower
OPTIONAL MATCH (l)-[:RESPONSIBLE_FOR]->(lt:Task)-[d:DERIVED_FROM]->(ut:Task)<-[:RESPONSIBLE_FOR]-(u)
RETURN u.key AS upper_key, u.name AS upper, u.aliases AS upper_aliases, u.collective AS upper_collective,
       l.key AS lower_key, l.name AS lower, l.aliases AS lower_aliases, l.collective AS lower_collective,
       c.score AS score, c.basis AS basis,
       ut.key AS upper_task_key, ut.text AS upper_task, lt.key AS lower_task_key, lt.text AS lower_task,
       d.score AS task_score, '' AS through, '' AS via
