"""Turn a kit, as it is saved, into a live preview in the browser: each page as it will print, and what the
checks say of it."""
