// name: deadlines_before
// description: Tasks due on or before a date (optionally on or after another), with who carries them, earliest first.
// show: deadline, task, agencies, region
// param date: date, example 2010-06-30 -- the last deadline to include (YYYY-MM-DD)
// param after: date, default "", example 2010-01-01 -- the first deadline to include; "" = no lower bound
// param region: region, default "", example 河南省 -- only tasks of documents of this region and every region under it ("" = any)
// unordered: agencies
MATCH (t:Task)
WHERE t.deadline IS NOT NULL AND t.deadline <> '' AND t.deadline <= $date AND ($after = '' OR t.deadline >= $after)
MATCH (t)-[:PART_OF]->(d:Document)
WHERE $region = '' OR d.province = $region OR d.city = $region OR d.county = $region
OPTIONAL MATCH (a:Agency)-[:RESPONSIBLE_FOR]->(t)
WITH t, d, collect(DISTINCT a.name) AS agencies
RETURN t.deadline AS deadline, t.deadline_text AS deadline_text, t.key AS task_key, t.text AS task, agencies,
       d.key AS document_key, d.title AS title, coalesce(d.county, d.city, d.province) AS region
ORDER BY t.deadline, d.key, coalesce(t.ordinal, 0), t.key
