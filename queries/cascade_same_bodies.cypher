// name: cascade_same_bodies
// description: Bodies that carry a higher region's tasks down themselves: responsible for a task of the lower region that derives from a task they are responsible for in the higher region (a municipal enterprise restating its duties district by district), with those task pairs.
// show: agency, upper_task, lower_task, task_score
// param upper: region, example 上海市 -- the higher region, exactly
// param lower: region, example 黄浦区 -- the lower region, exactly (the regions under it are not included)
// sort: agency_key, upper_task_key, lower_task_key
MATCH (a:Agency)-[:RESPONSIBLE_FOR]->(lt:Task)-[d:DERIVED_FROM]->(ut:Task)
WHERE lt.region = $lower AND ut.region = $upper
MATCH (a)-[:RESPONSIBLE_FOR]->(ut)
RETURN a.key AS agency_key, a.name AS agency, a.aliases AS aliases, ut.key AS upper_task_key, ut.text AS upper_task,
       lt.key AS lower_task_key, lt.text AS lower_task, d.score AS task_score
