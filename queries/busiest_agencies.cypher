// name: busiest_agencies
// description: The agencies of a region with the most duties (tasks they are responsible for), cooperations as a tie-break.
// show: agency, region, level, duties, cooperations
// param region: region, example 河南省 -- a province, city or county: its agencies and those of every region under it
// param top: int, default 20, example 10 -- how many agencies
MATCH (a:Agency)
WHERE a.region IN $region_under OR a.province IN $region_under
OPTIONAL MATCH (a)-[:RESPONSIBLE_FOR]->(t:Task)
WITH a, count(DISTINCT t) AS duties
OPTIONAL MATCH (a)-[:COOPERATES_WITH]->(c:Task)
WITH a, duties, count(DISTINCT c) AS cooperations
WHERE duties + cooperations > 0
RETURN a.key AS agency_key, a.name AS agency, a.region AS region, a.level AS level, duties, cooperations
ORDER BY duties DESC, cooperations DESC, a.key
LIMIT $top
