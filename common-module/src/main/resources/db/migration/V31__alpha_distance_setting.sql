-- The distance of a set-valued tag's Krippendorff's alpha (SPEC 4.7): null keeps the default,
-- jaccard; masi on request. Only multi-select Choices and Taxonomy tags have one.
ALTER TABLE agreement.tag_settings ADD COLUMN alpha_distance varchar(16);
