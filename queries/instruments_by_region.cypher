// name: instruments_by_region
// description: The policy-instrument mix region by region (each document's most local region: a province's own documents, each city's, each county's), for a cross-tab: per region and tool, the tasks, the region's total and the share.
// show: region, type, tool, tasks, total, share
// param region: region, default "", example 河南省 -- only this province, city or county and every region under it ("" = everywhere)
// param level: string, default "" -- the level of the documents: national, province, city or county ("" = any)
// param with_also: bool, default false -- count every tool a task uses, not only its primary one
MATCH (d:Document)<-[:PART_OF]-(t:Task)-[u:USES]->(i:Instrument)
WHERE ($region = '' OR d.province = $region OR d.city = $region OR d.county = $region)
  AND ($level = '' OR d.level = $level)
  AND (u.`primary` OR $with_also)
WITH coalesce(d.county, d.city, d.province, '') AS grp, i, count(DISTINCT t) AS tasks
WITH grp, collect({tool: i.key, type: i.type, tasks: tasks}) AS rows, sum(tasks) AS total
UNWIND rows AS r
RETURN grp AS region, r.type AS type, r.tool AS tool, r.tasks AS tasks, total AS total,
       1.0 * r.tasks / total AS share
ORDER BY region, tasks DESC, tool
