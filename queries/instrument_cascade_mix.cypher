// name: instrument_cascade_mix
// description: The policy-instrument mix of a cascade, side by side: the tasks of the upper region's own documents against those of the lower region's, per tool, with each side's total and share.
// show: side, type, tool, tasks, total, share
// param upper: region, example 河南省 -- the higher region (a province, or a city above its counties), exactly
// param lower: region, example 许昌市 -- the lower region, exactly (the regions under it are not included)
// param with_also: bool, default false -- count every tool a task uses, not only its primary one
// A region's own documents: those whose most local region is it (a province's own, not its cities').
MATCH (d:Document)<-[:PART_OF]-(t:Task)-[u:USES]->(i:Instrument)
WHERE (coalesce(d.county, d.city, d.province) = $upper OR coalesce(d.county, d.city, d.province) = $lower)
  AND (u.`primary` OR $with_also)
WITH CASE WHEN coalesce(d.county, d.city, d.province) = $upper THEN 'upper' ELSE 'lower' END AS side, i,
     count(DISTINCT t) AS tasks
WITH side, collect({tool: i.key, type: i.type, tasks: tasks}) AS rows, sum(tasks) AS total
UNWIND rows AS r
RETURN side AS side, r.type AS type, r.tool AS tool, r.tasks AS tasks, total AS total,
       1.0 * r.tasks / total AS share
ORDER BY side DESC, tasks DESC, tool
