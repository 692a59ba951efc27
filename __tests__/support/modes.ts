/**
 * Every valid combination of the publish inputs, as [archive, upload,
 * skip-archive]: the mode matrix the join tests run over. skip-archive
 * needs upload: per-target or none, so it never pairs with combined.
 */
export const PUBLISH_MODES: [string, string, string][] = []
for (const archive of ['none', 'tar.gz', 'zip', 'auto'])
  for (const upload of ['per-target', 'combined', 'none'])
    for (const skip of ['false', 'true'])
      if (!(skip === 'true' && upload === 'combined'))
        PUBLISH_MODES.push([archive, upload, skip])
