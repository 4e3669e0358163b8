// name: cascade_uncarried
// description: The tasks of a higher region's documents that a lower region's documents carry down (cite, share the plan of, or derive tasks from) which no task of the lower region derives from, with the bodies responsible for them.
// show: task, upper_title, agencies
// param upper: region, example 河南省 -- the higher region (中国 for national documents)
// param lower: region, example 许昌市 -- the lower region
// sort: upper_document, ordinal, task_key
// unordered: agencies, lower_documents, lower_sources
MATCH (ld:Document)-[:CARRIES]->(ud:Document)<-[:PART_OF]-(ut:Task)
WHERE coalesce(ld.county, ld.city, ld.province) = $lower AND ut.region = $upper
  AND NOT EXISTS { MATCH (lt:Task)-[:DERIVED_FROM]->(ut) WHERE lt.region = $lower }
WITH ut, ud, collect(DISTINCT ld.key) AS lower_documents, collect(DISTINCT ld.source) AS lower_sources
OPTIONAL MATCH (a:Agency)-[:RESPONSIBLE_FOR]->(ut)
RETURN ut.key AS task_key, ut.text AS task, ut.ordinal AS ordinal, ud.key AS upper_document, ud.title AS upper_title,
       ud.source AS upper_source, collect(DISTINCT a.name) AS agencies, lower_documents, lower_sources
