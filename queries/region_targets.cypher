// name: region_targets
// description: The numeric targets set in a region's documents (a province includes its cities and counties), optionally of one unit or of the tasks one agency carries.
// show: target, value, unit, task, agencies
// param region: region, example 河南省 -- a province, city or county, and every region under it
// param unit: string, default "", example 元 -- only targets in this base unit (元, 亩, 家, 个, %, ...); "" = any
// param agency: agency, default "", example 省发展改革委 -- only targets of tasks this agency is responsible for; "" = any
// unordered: agencies
WITH $agency AS forms
MATCH (d:Document)
WHERE d.province = $region OR d.city = $region OR d.county = $region
MATCH (g:Target)
WHERE g.doc = d.key AND ($unit = '' OR g.unit = $unit)
OPTIONAL MATCH (g)-[:TARGET_OF]->(t:Task)
OPTIONAL MATCH (a:Agency)-[:RESPONSIBLE_FOR]->(t)
WITH forms, d, g, t, collect(DISTINCT a.name) AS agencies,
     count(CASE WHEN a.key IN forms OR a.name IN forms OR any(f IN a.aliases WHERE f IN forms)
                     OR ('fn:' + a.level + ':' + a.function) IN forms OR ('fn:' + a.function) IN forms
                THEN 1 END) AS hits
WHERE size(forms) = 0 OR hits > 0
RETURN g.key AS target_key, g.text AS target, g.value AS value, g.value_max AS value_max, g.unit AS unit,
       g.qualifier AS qualifier, t.key AS task_key, t.text AS task, t.deadline AS deadline, agencies,
       d.key AS document_key, d.title AS title, coalesce(d.county, d.city, d.province) AS region
ORDER BY coalesce(d.date, ''), d.key, coalesce(g.span_start, 0), g.key
