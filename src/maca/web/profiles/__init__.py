"""The audit's cohort profile: profile.json and exclusions.csv stored with the audit, the
"Cohort profile" page (charts drawn from the validated profile, the table behind each, the
exclusions by reason) and its download (issue 16). ``queries.profile_for(audit)`` is the profile
for other apps (the briefing's Scope, the re-audit comparison)."""
