"""Turn rendered files into the output folder, all or nothing: the build record, what is current, the manifest,
the index page and the listing."""
