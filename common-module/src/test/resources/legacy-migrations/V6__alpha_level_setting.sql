-- The level of measurement of a tag's Krippendorff's alpha (SPEC 4.6): null keeps the default,
-- nominal for a single-choice Choices and interval for Rating and Number.
ALTER TABLE agreement.tag_settings ADD COLUMN alpha_level varchar(16);
