// name: gaps_no_counterpart
// description: A lower region's agencies (not collective bodies) with no counterpart in the higher region, with their number of duties.
// show: agency, function, duties
// param lower: region, example 许昌市 -- the lower region, exactly (the regions under it are not included)
// param upper: region, default "", example 河南省 -- the higher region, exactly; "" = any
MATCH (l:Agency)
WHERE l.region = $lower AND coalesce(l.collective, false) = false
  AND NOT EXISTS { MATCH (l)-[:COUNTERPART_OF]->(u:Agency) WHERE $upper = '' OR u.region = $upper }
OPTIONAL MATCH (l)-[:RESPONSIBLE_FOR]->(t:Task)
WITH l, count(DISTINCT t) AS duties
RETURN l.key AS agency_key, l.name AS agency, l.aliases AS aliases, l.function AS function, duties
ORDER BY duties DESC, l.key
