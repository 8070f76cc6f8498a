"""The Outreach part of the app: the section's list and coverage, and the dialogs other parts use.

Entry points for other sections:
- `tui.outreach.send.open_send_dialog(app, message_id=None, contact_ids=(), org_ids=())`:
  "send to…" with a message and recipients already chosen;
- `tui.outreach.widgets.RecipientsTable(message_id)`, `recipients_summary(snapshot, id)` and
  `show_message_outreach(app, message_id)`: a message's recipients and statuses.
Store work goes through `store.outreach`; nothing here writes except through `app.run_store_job`.
"""
