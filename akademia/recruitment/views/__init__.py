"""Pages of recruitment, one module per feature (`urls.py` names each view by its module):

* `public` - the open calls and the JST's application (no account needed);
* `coordinator` - the JST coordinator's applications, withdrawal, participants' data;
* `projects` - projects: list, set-up, page, editing;
* `calls` - a call's set-up, editing, page (applications, htmx filter, map), status, criteria,
  quotas;
* `selection` - running the selection, its results (and whether they are stale), publishing;
* `review` - the operators' review of an application.
"""
