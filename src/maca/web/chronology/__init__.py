"""Agencies' chronology uploads, the council's system records, and the case and family
timelines of an audit (issue 15). The reading, merging and drawing are the core's
(``maca.chronology``); this app stores what was uploaded and shows it to whoever may see it."""
