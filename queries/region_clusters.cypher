// name: region_clusters
// description: Named industry clusters (产业集群) of a region or named in its documents, with how many documents name them and the zones they grow in.
// show: cluster, region, documents, zones
// param region: region, example 许昌市 -- a province, city or county, and every region under it
// unordered: zones
MATCH (c:Cluster)
WHERE c.region = $region
   OR EXISTS { MATCH (c)-[:MENTIONED_IN]->(d:Document) WHERE d.province = $region OR d.city = $region OR d.county = $region }
OPTIONAL MATCH (c)-[:MENTIONED_IN]->(m:Document)
WITH c, count(DISTINCT m) AS documents
OPTIONAL MATCH (c)-[:MEMBER_OF]-(z:Zone)
WITH c, documents, collect(DISTINCT z.name) AS zones
RETURN c.key AS cluster_key, c.name AS cluster, c.region AS region, documents, zones
ORDER BY c.name, c.key
