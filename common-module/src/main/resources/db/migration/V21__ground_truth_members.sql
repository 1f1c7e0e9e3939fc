-- A refresh updates the project's sums by the difference its tasks make, and removes a sum no
-- pair contributes to any more: for the ground-truth sums, whose pair count leaves out pairs
-- without a score, the pairs behind the sum.
ALTER TABLE agreement.ground_truth_agreement ADD COLUMN members bigint NOT NULL DEFAULT 0;
