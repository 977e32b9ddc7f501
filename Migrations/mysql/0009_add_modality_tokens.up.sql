-- Audio and image token counts (parts of input and output tokens; the cached
-- ones parts of cache reads too), billed at their own rates where a price has them.
ALTER TABLE ailedger_calls ADD COLUMN input_audio_tokens BIGINT, ADD COLUMN input_image_tokens BIGINT, ADD COLUMN cache_read_audio_tokens BIGINT, ADD COLUMN cache_read_image_tokens BIGINT, ADD COLUMN output_audio_tokens BIGINT, ADD COLUMN output_image_tokens BIGINT;
ALTER TABLE ailedger_calls_archive ADD COLUMN input_audio_tokens BIGINT, ADD COLUMN input_image_tokens BIGINT, ADD COLUMN cache_read_audio_tokens BIGINT, ADD COLUMN cache_read_image_tokens BIGINT, ADD COLUMN output_audio_tokens BIGINT, ADD COLUMN output_image_tokens BIGINT;
