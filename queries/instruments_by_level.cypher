// name: instruments_by_level
// description: The policy-instrument mix level by level (national, province, city, county: the documents' level), for a cross-tab: per level and tool, the tasks, the level's total and the share.
// show: level, type, tool, tasks, total, share
// param region: region, default "", example 河南省 -- only this province, city or county and every region under it ("" = everywhere)
// param with_also: bool, default false -- count every tool a task uses, not only its primary one
MATCH (d:Document)<-[:PART_OF]-(t:Task)-[u:USES]->(i:Instrument)
WHERE ($region = '' OR d.province = $region OR d.city = $region OR d.county = $region)
  AND (u.`primary` OR $with_also)
WITH coalesce(d.level, '') AS grp, i, count(DISTINCT t) AS tasks
WITH grp, collect({tool: i.key, type: i.type, tasks: tasks}) AS rows, sum(tasks) AS total
UNWIND rows AS r
RETURN grp AS level, r.type AS type, r.tool AS tool, r.tasks AS tasks, total AS total,
       1.0 * r.tasks / total AS share
ORDER BY level, tasks DESC, tool
