# The platform: organisations as owners, organiser requests, teams, the administrators' area.

admin-overview-title = Overview
admin-requests-title = Requests
admin-settings-title = Settings
admin-outbox-title = Outbox
admin-log-title = Log
admin-log-hint = Who changed what and when, across the whole site. Newest first.
admin-count-accounts = Accounts
admin-count-organisations = Organisations
admin-count-requests = Open requests to organise
admin-count-events = Events
admin-count-calls = Calls
admin-count-registrations = Registrations
admin-count-submissions = Submissions
admin-count-certificates = Certificates
admin-count-mail-queued = Mails queued
admin-count-mail-failed = Mails failed
admin-signup-legend = Who may create events and calls?
admin-signup-approval = People ask to organise for an organisation; an administrator decides.
admin-signup-open = Every request is approved at once (open sign-up for organisers).
flash-settings-saved = The settings have been saved.
admin-outbox-states = State of the mails
admin-outbox-queued = Queued
admin-outbox-failed = Failed
admin-outbox-sent = Sent
admin-mail-to = To
admin-mail-subject = Subject
admin-mail-created = Created
admin-mail-attempts = Attempts
admin-mail-when = Next attempt / sent
admin-mail-error = Last error
admin-mail-actions = Actions
admin-mail-retry = Send again
admin-mail-none = No mails in this state.
admin-mail-not-retryable = This mail has been sent already.
flash-mail-retry = The mail will be sent again.
admin-request-status = Status
admin-request-who = Who
admin-request-organisation = Organisation
admin-request-message = Message
admin-request-new = new
admin-request-approve = Approve
admin-request-decline = Decline
admin-request-none = No requests.
flash-request-decided = The request has been decided; the person has been told.

audit-search = Search
audit-kind-account = Accounts
audit-kind-organisation = Organisations
audit-kind-organiser_request = Requests to organise
audit-kind-site = Site
audit-kind-event = Event
audit-kind-team = Team
audit-kind-agenda = Agenda
audit-kind-registration = Registrations
audit-kind-booking = Bookings
audit-kind-certificate = Certificates
audit-kind-matchmaking = Matchmaking
audit-event-create = Event created
audit-event-update = Event edited
audit-event-status = Event status changed
audit-event-owner = Organising organisation changed
audit-call-owner = Organising organisation changed
audit-team-add = Invited to the team
audit-team-remove = Removed from the team
audit-site-settings = Site settings changed
audit-mail-retry = Mail sent again
audit-account-grant_role = Role granted
audit-account-revoke_role = Role revoked
audit-organisation-create = Organisation created
audit-organisation-verify = Organisation confirmed
audit-organiser_request-ask = Asked to organise
audit-organiser_request-approve = Request to organise approved
audit-organiser_request-decline = Request to organise declined
audit-registration-register = Registered
audit-registration-check_in = Checked in
audit-agenda-publish = Agenda published
event-log-hint = Who changed what and when: on the event, its team, its agenda and its registrations. Newest first.

request-title = Ask to organise
request-lead = Would you like to create events or calls?
request-intro = Events and calls belong to an organisation. Ask to organise for an existing organisation, or describe a new one.
request-open = On this site, requests are approved at once.
request-approval = An administrator reviews your request; you will get an e-mail with the decision.
request-mine = Your requests
request-organisation = Organisation
request-organisation-new = – a new organisation (describe it below) –
request-new-legend = New organisation
request-new-hint = Only fill this in when your organisation is not listed above.
request-message = Message to the administrators (who you are, what you plan)
request-submit = Send request
request-status-pending = awaiting a decision
request-status-approved = approved
request-status-declined = declined
request-org-exists = This organisation exists already: please choose it above.
request-already-organiser = You organise for this organisation already.
request-pending-exists = You have a request awaiting a decision already; please wait for it.
request-not-found = There is no such request.
request-decided = This request has been decided already.
flash-request-sent = Your request has been sent. You will get an e-mail with the decision.
flash-request-approved = You now organise for this organisation and can create events and calls.
mail-request-admin-subject = Request to organise: { $organisation }
mail-request-admin-body = { $name } ({ $email }) would like to organise for { $organisation }.

    { $message }

    Approve or decline: { $link }
mail-request-approved-subject = You now organise for { $organisation }
mail-request-approved-body = Your request has been approved: you now organise for { $organisation } and can create and run events and calls. Get started: { $link }
mail-request-declined-subject = Your request to organise for { $organisation }
mail-request-declined-body = Your request to organise for { $organisation } has been declined. If you have questions, simply reply to this mail.

team-title = Team
team-hint = Who runs this event or call, with which role. The organisers of the organising organisation always belong to it.
team-count = { $count ->
    [one] 1 person
   *[other] { $count } people
}
team-role = Role
team-via = Belongs through
team-via-invited = invited
team-via-organisation = { $name }
team-remove = Remove
team-none = Nobody in the team yet.
team-invite = Invite to the team
team-invite-hint = The person gets a mail explaining their role. Without an account, they get one and set a password with the link.
team-name-hint = Only needed when the address has no account yet.
team-invite-submit = Invite
team-jurors-on-jury-page = Jurors are invited on the jury page
team-member-exists = This person holds this role here already.
team-member-not-found = This person is not (or no longer) in the team.
team-last-organiser = The last organiser cannot be removed.
team-juror-on-jury-page = Remove jurors on the jury page, with their assignments.
flash-team-invited = The invitation has been sent.
flash-team-removed = The person has been removed from the team.
mail-team-invite-subject = You are now in the team of { $place }
mail-team-invite-body = { $inviter } has invited you to the team of { $place }, with the role "{ $role }". Start here: { $link }
mail-team-duty-organiser = As an organiser you manage its details, agenda, registrations, certificates and team.
mail-team-duty-checkin = At check-in you admit participants at the door by their code or name; you see nothing else.

list-shown = { $total ->
    [0] No entries
   *[other] { $from }–{ $to } of { $total }
}
list-pages = Pages of the list
list-prev = Previous page
list-next = Next page
admin-org-organisers = Organisers

# The API reference page (/api/reference).
api-ref-title = API reference
api-ref-lead = Every operation of the REST API, as text to read. Addresses start with
api-ref-spec = OpenAPI document (JSON)
api-ref-swagger = Try requests out (Swagger UI)
api-ref-tokens = Your API tokens
api-ref-contents = Contents
api-ref-parameters = Parameters
api-ref-name = Name
api-ref-in = In
api-ref-type = Type
api-ref-description = Description
api-ref-required = required
api-ref-body = Request body (JSON)
api-ref-responses = Responses
api-ref-status = Status
api-ref-other = Other
tokens-reference = API reference as text
