## Layout
layout-skip-to-content = Skip to main content
layout-nav-label = Main navigation
layout-nav-home = Home
layout-nav-me = My profile
layout-nav-admin = Administration
layout-signed-in-as = Signed in as { $name }
layout-sign-in = Sign in
layout-sign-out = Sign out
layout-sign-up = Create account
layout-language = Language
layout-footer = convene – business events and innovation calls, end to end.

## Home
home-title = Events and innovation calls in one place
home-lead = Plan agendas, open registration, run calls with a fair jury, match partners and issue certificates – in German and English, accessible to everyone.
home-card-organisers = For organisers
home-card-organisers-text = Create events with agendas, open registration, run innovation calls, invite jurors, publish results and issue certificates.
home-card-participants = For participants
home-card-participants-text = Register, pick sessions, submit and pitch projects, book meetings and add everything to your calendar.
home-card-jurors = For jurors
home-card-jurors-text = Declare conflicts of interest and score the entries assigned to you against weighted criteria.
home-card-everyone = For everyone
home-card-everyone-text = Subscribe to an agenda in your calendar app or check that a certificate is genuine.
home-demo-title = Demo sign-ins
home-demo-password = Every demo account uses the password { $password }.
home-demo-role = Role

## Forms
form-error-summary = There is a problem
form-name = Full name
form-email = Email address
form-password = Password
form-new-password = New password
form-password-hint = At least 10 characters. A short sentence is easy to remember and hard to guess.
form-organisation = Organisation
form-organisation-hint = Optional. Choose from the list or type a new name.
form-language = Preferred language

## Sign-up, sign-in, reset
signup-title = Create an account
signup-submit = Create account
signup-have-account = Already have an account?
signin-title = Sign in
signin-submit = Sign in
signin-forgot = Forgot your password?
signin-no-account = No account yet?
signin-unconfirmed-help = Your email address is not confirmed yet. We can send you the confirmation link again.
signin-resend = Send confirmation link again
check-mail-title = Check your email
check-mail-signup = We have sent a link to { $email }. Open it to confirm your address, then sign in.
check-mail-resend = If { $email } belongs to an account that still needs confirming, we have sent a new link.
check-mail-reset = If { $email } belongs to an account, we have sent a link to choose a new password. It is valid for one hour.
check-mail-spam = No email after a few minutes? Look in your spam folder.
reset-request-title = Reset your password
reset-request-help = Enter the email address of your account and we will send you a link to choose a new password.
reset-request-submit = Send link
reset-form-title = Choose a new password
reset-form-submit = Save new password
reset-form-consequences = Setting a new password signs you out on every device, revokes all your API tokens, and makes other password-reset links stop working.

## Profile and API tokens
profile-title = My profile
profile-roles = Roles
profile-no-roles = No roles
profile-save = Save profile
tokens-title = API tokens
tokens-help = Personal API tokens let scripts use the convene API on your behalf. Send one as "Authorization: Bearer <token>".
tokens-docs = API documentation
tokens-created = Your new token
tokens-copy-now = Copy it now: for your safety it is shown only once.
tokens-name = Name
tokens-name-hint = What the token is for, for example "Agenda export script".
tokens-create = Create token
tokens-list = Your tokens
tokens-created-at = Created
tokens-last-used = Last used
tokens-expires = Expires
tokens-actions = Actions
tokens-revoke = Revoke
tokens-none = You have no API tokens.
tokens-never = never
tokens-access = Access
tokens-access-hint = A read-only token cannot change anything: every write request is refused with 403.
tokens-access-read = Read only
tokens-access-read-write = Read and write
tokens-lifetime = Valid for
tokens-lifetime-hint = After that the token stops working; you can create a new one at any time.
tokens-lifetime-days = { $days } days

## Administration
admin-nav-label = Administration sections
admin-accounts-title = Accounts
admin-organisations-title = Organisations
admin-accounts-search = Search by name, email or organisation
admin-search = Search
admin-accounts-count = { $count ->
    [one] One account
   *[other] { $count } accounts
}
admin-organisations-count = { $count ->
    [one] One organisation
   *[other] { $count } organisations
}
admin-no-accounts = No accounts match.
admin-unconfirmed = unconfirmed
admin-roles = Roles
admin-role = Role
admin-scope = Scope
admin-scope-hint = Where the role applies: the whole site, or one event or call.
admin-confirmed = Email confirmed
admin-created = Account created
admin-grant-title = Grant a role
admin-grant = Grant role
admin-revoke = Revoke
admin-org-kind = Kind
admin-org-city = City
admin-org-website = Website
admin-org-website-hint = Optional, starting with https://
admin-org-members = Members
admin-org-add = Add an organisation
admin-org-create = Add organisation
yes = yes
no = no

## Roles, scopes and kinds of organisation
role-admin = Administrator
role-organiser = Organiser
role-juror = Juror
role-checkin = Check-in staff
role-participant = Participant
scope-event = event #{ $id }
scope-call = call #{ $id }
scope-site = whole site
org-kind-cluster = Cluster
org-kind-university = University
org-kind-research = Research institute
org-kind-company = Company
org-kind-startup = Start-up
org-kind-agency = Development agency
org-kind-ministry = Ministry or public body
org-kind-network = Network or association
org-kind-other = Other

## Flash messages
flash-confirmed = Thank you, your email address is confirmed. You can sign in now.
flash-signed-in = You are signed in.
flash-signed-out = You have signed out.
flash-profile-saved = Your profile has been saved.
flash-password-reset = Your password has been changed. Please sign in with the new one.
flash-token-revoked = The token has been revoked.
flash-role-granted = The role has been granted.
flash-role-revoked = The role has been revoked.
flash-organisation-created = The organisation has been added.

## Errors
error-reference = Reference:
error-back-home = Back to the home page
error-bad-request-title = Bad request
error-bad-request = The request could not be understood. Please check the address or the form and try again.
error-unauthenticated-title = Please sign in
error-unauthenticated = You need to sign in to do this.
error-forbidden-title = Not allowed
error-forbidden = You are not allowed to do this.
error-not-found-title = Page not found
error-method-not-allowed-title = Method not allowed
error-method-not-allowed = This address does not take { $method }. Allowed: { $allow }.
error-not-found = We could not find this page. Check the address, or start from the home page.
error-conflict-title = That did not work
error-invalid-title = Please check your input
error-invalid = Some of the information you entered is not valid.
error-too-many-title = Too many attempts
error-payload-too-large = The request is too large. Please send less text or smaller files.
error-payload-too-large-title = Too large
error-internal-title = Something went wrong
error-internal = Something went wrong on our side. Please try again later; if it keeps happening, tell us the reference below.
error-csrf = This form has expired or did not come from this site. Please reload the page and try again.
error-account-not-found = There is no such account.
error-grant-not-found = There is no such role grant.
error-token-not-found = There is no such API token.
error-invalid-token = The API token is missing, invalid, expired or revoked.
error-busy-title = Very busy right now
error-busy = A great many people are signing in at this moment. Please try again in a few seconds.
error-token-read-only = This API token may only read.
error-token-creates-token = An API token cannot create tokens. Create new tokens while signed in, under "My profile → API tokens".
error-csrf-api = API writes authenticated by the session cookie need a JSON body (Content-Type: application/json) or the X-Requested-With header.

## Validation and rules
valid-name-required = Enter your full name
valid-name-too-long = The name must be 120 characters or fewer
valid-email-required = Enter your email address
valid-email-invalid = Enter an email address in the correct format, like name@example.org
valid-email-taken = An account with this email address exists already
valid-email-too-long = The email address must be 254 characters or fewer
valid-password-required = Enter your password
valid-password-too-short = The password must be at least 10 characters long
valid-password-too-long = The password must be 200 characters or fewer
valid-organisation-too-long = The organisation name must be 160 characters or fewer
valid-language-invalid = Choose German or English
valid-token-name-required = Enter a name for the token
valid-token-name-too-long = The token name must be 80 characters or fewer
valid-token-lifetime-invalid = Choose a validity between 1 and 365 days
valid-token-access-invalid = Choose "Read only" or "Read and write"
valid-role-invalid = Choose a role from the list
valid-scope-invalid = Choose a scope from the list
valid-role-scope-mismatch = This role cannot be granted in this scope
valid-org-name-required = Enter the organisation's name
valid-org-name-taken = An organisation with this name exists already
valid-org-kind-invalid = Choose a kind from the list
valid-city-too-long = The city must be 80 characters or fewer
valid-website-invalid = Enter a web address starting with http:// or https://
auth-signin-failed = The email address or password is not correct
auth-unconfirmed = Please confirm your email address first: open the link we sent you
auth-rate-limited = Too many attempts. Please wait { $minutes ->
        [one] one minute
       *[other] { $minutes } minutes
    } and try again.
auth-rate-limited-hours = Too many attempts. Please wait { $hours } hours and try again.
auth-link-invalid = This link is invalid or has expired. Please request a new one.
auth-grant-exists = This account already has this role in this scope.
auth-last-admin = The last administrator cannot lose the administrator role.

## Emails
mail-greeting = Hello { $name },
mail-signature = – convene
mail-agenda-changed-subject = Agenda change: { $event }
mail-agenda-changed-body = The agenda of { $event } has changed for sessions you bookmarked or booked:
mail-agenda-moved-line = { $title }: now { $now } (was { $was })
mail-agenda-cancelled-line = { $title } ({ $was }) has been cancelled.
mail-agenda-changed-link = The whole agenda: { $link }
    The attached calendar file updates these sessions in your calendar.
mail-confirm-subject = Please confirm your email address
mail-confirm-body = Thank you for creating an account with convene. Please confirm your email address by opening this link:
mail-confirm-expiry = The link is valid for 48 hours. If you did not create an account, you can ignore this email.
mail-reset-subject = Choose a new password
mail-reset-body = Someone (hopefully you) asked to reset the password of your convene account. Open this link to choose a new one:
mail-reset-expiry = The link is valid for one hour and works once. If you did not ask for this, you can ignore this email; your password stays the same.
mail-already-subject = You already have an account
mail-already-body = Someone (hopefully you) tried to create a convene account with this email address. You already have one.
mail-already-signin = Sign in here:
mail-already-reset = Forgot your password? Choose a new one here:

## Events
layout-nav-events = Events
layout-nav-orga = Organise
layout-nav-mine = My agenda
events-title = Events
events-upcoming = Upcoming events
events-past = Past events
events-none = No events are announced at the moment.
event-title = Event
event-title-de = Title (German)
event-title-en = Title (English)
event-description-de = Description (German)
event-description-en = Description (English)
event-slug = Web address
event-slug-hint = Lower-case letters, digits and hyphens, for example clusters-meet-regions-2026. It appears in links.
event-dates = Dates
event-starts-on = First day
event-ends-on = Last day
event-venue = Venue
event-address = Address
event-timezone = Time zone
event-timezone-hint = The IANA name, for example Europe/Berlin. All times of the event are shown in it.
event-organisers = Organised by
event-organisers-hint = One organisation per line.
event-contact = Contact
event-contact-name = Contact person
event-contact-email = Contact email
event-status = Status
event-status-draft = Draft
event-status-published = Published
event-status-archived = Archived
event-status-to-draft = Back to draft
event-status-to-published = Publish event
event-status-to-archived = Archive event
event-status-not-allowed = The event cannot change to this status from its current one.
event-draft-notice = This event is a draft: only its organisers can see it.
event-to-agenda = See the agenda
event-manage = Manage event
event-not-found = There is no such event.
orga-events-title = My events
orga-events-none = You do not organise any events yet.
orga-event-new = New event
orga-event-sections = Event sections
orga-event-public-page = Public page
form-save = Save
form-none = (none)

## Agenda
agenda-title = Agenda
agenda-timezone-note = All times are local times in { $zone }.
agenda-filter = Filter the agenda
agenda-track = Track
agenda-kind = Type
agenda-all = All
agenda-filter-apply = Filter
agenda-filter-reset = Show everything
agenda-days = Days
agenda-day-empty = Nothing is scheduled on this day.
agenda-changes-title = What changed in version { $version } ({ $date })
agenda-changes-none = Nothing has changed since the previous version.
agenda-change-added = new
agenda-change-moved = moved
agenda-change-cancelled = cancelled
agenda-change-moved-detail = was { $before }, now { $after }
agenda-warning-room-twice = Room { $room } is used twice at once: “{ $a }” and “{ $b }”.
agenda-warning-person-twice = { $name } is in two places at once: “{ $a }” and “{ $b }”.
agenda-warning-outside-days = “{ $a }” is not on one of the event's days.
agenda-warning-room-hours = “{ $a }” is outside the hours of room { $room }.
agenda-publish-blocked = The agenda cannot be published while { $count } problems remain. Fix the sessions listed above first.
agenda-not-published = The agenda has not been published yet.
agenda-published-meanwhile = Someone else published the agenda at the same moment. Please reload the page.
session-kind-keynote = Keynote
session-kind-panel = Panel
session-kind-talk = Talk
session-kind-workshop = Workshop
session-kind-pitching = Pitching
session-kind-matchmaking = Matchmaking
session-kind-site-visit = Site visit
session-kind-break = Break
session-kind-networking = Networking
session-status = Status
session-status-draft = Draft
session-status-scheduled = Scheduled
session-status-cancelled = Cancelled
person-role-speaker = speaker
person-role-moderator = moderator
person-role-panelist = panelist
session-title = Session
session-title-de = Title (German)
session-title-en = Title (English)
session-title-en-hint = Optional: without it, English pages show the German title.
session-description-de = Description (German)
session-description-en = Description (English)
session-day = Day
session-time = Time
session-start = Starts at
session-end = Ends at
session-end-hint = 00:00 is midnight at the end of the day.
session-start-fold = Which start do you mean?
session-end-fold = Which end do you mean?
session-fold-choose = Please choose
session-fold-earlier = the first time { $time } ({ $offset }, before the clocks go back)
session-fold-later = the second time { $time } ({ $offset }, after the clocks went back)
session-status-publish-instead = Drafts are scheduled by publishing the agenda: publish the agenda.
session-status-published = This session has been published; it can be cancelled, but not become a draft again.
session-when = When
session-room = Room
session-capacity = Seats
session-capacity-hint = Optional: the number of seats, for sessions people book.
session-signup = Sign-up
session-signup-required = Booking required
session-people = Speakers, moderators and panelists
session-people-hint = One per line: role: name, organisation. For example “moderator: Sarah Kerßebaum, Business Metropole Ruhr”. Roles: speaker, moderator, panelist. Add an e-mail in angle brackets after the name to link the person's account: “speaker: Ada Lovelace <ada@example.org>, Fraunhofer UMSICHT”.
session-add-to-calendar = Add to my calendar
session-cancelled-notice = This session has been cancelled.
session-edit = Edit session
session-cancel = Cancel session
session-restore = Schedule again
session-delete = Delete draft
session-delete-published = This session has been published and is in calendars: cancel it instead of deleting it.
session-delete-in-use = This session is still in use (seat bookings, a jury round, a certificate template or matchmaking); remove that link first.
flash-session-deleted = The draft has been deleted.
session-not-found = There is no such session.
bookmark-add = Add to my agenda
bookmark-remove = Remove from my agenda
calendar-subscribe = Subscribe in my calendar
calendar-download = Download (.ics)
calendar-personal-name = My convene agenda
calendar-feed-not-found = This calendar link is unknown or has been replaced by a new one.
mine-title = My agenda
mine-empty = You have not added any sessions yet. Use “Add to my agenda” on an event's agenda.
mine-feed-title = Your personal calendar feed
mine-feed-help = Subscribe to this link in your calendar app (Outlook, Google Calendar, Apple Calendar, Thunderbird) to see your sessions there. Keep it private: anyone with the link can read it.
mine-feed-regenerate = Make a new link
mine-feed-regenerate-hint = The old link stops working at once; subscribe to the new one.

## Organising the agenda
orga-agenda-title = Agenda editor
orga-agenda-public = Public agenda
orga-session-new = New session
orga-sessions = Sessions
orga-sessions-none = No sessions yet.
orga-publish-title = Publishing
orga-never-published = The agenda has not been published yet.
orga-published-version = Published version: { $version }. Changes to scheduled sessions are visible at once; new sessions are drafts until the next publication.
orga-publish = Publish agenda
orga-drafts-count = { $count ->
    [one] One draft will be published.
   *[other] { $count } drafts will be published.
}
orga-warnings-title = Please fix before publishing
orga-warned = check
orga-import-title = Import from a calendar file
orga-import-help = Upload an .ics file exported from Outlook, Google Calendar or Thunderbird. Its events become draft sessions for you to review; unknown locations become rooms.
orga-import-file = Calendar file (.ics)
orga-import-submit = Import
orga-rooms-title = Rooms and tracks
orga-rooms = Rooms
orga-room-add = Add room
orga-tracks = Tracks
orga-track-add = Add track
room-from = Available from
room-until = Available until
room-hours = Hours
room-hours-hint = Optional: when the room can be used each day.
room-all-day = all day
room-not-found = There is no such room.
track-not-found = There is no such track.
room-delete-in-use = Room { $room } is used by { $count ->
    [one] one session
   *[other] { $count } sessions
} (cancelled ones included); move them to another room first.
track-delete-in-use = Track { $track } has { $count ->
    [one] one session
   *[other] { $count } sessions
} (cancelled ones included); move them to another track first.
flash-room-deleted = The room has been deleted.
flash-track-deleted = The track has been deleted.
track-name-de = Name (German)
track-name-en = Name (English)

## Flash messages of events and agendas
flash-event-created = The event has been created as a draft.
flash-event-saved = The event has been saved.
flash-event-status = The event's status has been changed.
flash-agenda-published = The agenda has been published.
flash-session-created = The session has been added as a draft.
flash-session-saved = The session has been saved.
flash-room-created = The room has been added.
flash-room-saved = The room has been saved.
flash-track-created = The track has been added.
flash-imported = { $created ->
    [0] No new session
    [one] One session
   *[other] { $created } sessions
} imported as drafts, { $updated ->
    [0] none updated.
    [one] one imported before updated.
   *[other] { $updated } imported before updated.
}
flash-bookmark-added = The session is in your agenda.
flash-bookmark-removed = The session has been removed from your agenda.
flash-feed-regenerated = You have a new calendar link; the old one no longer works.

## Validation of events and agendas
valid-too-long = Must be { $max } characters or fewer
valid-title-required = Enter a title
valid-organisations-invalid = At most 20 organisations of up to 160 characters each
valid-slug-invalid = Use 3 to 60 lower-case letters, digits and hyphens
valid-slug-taken = Another event uses this web address already
valid-timezone-invalid = Enter a time zone name such as Europe/Berlin
valid-date-invalid = Enter a date like 2026-11-08
valid-time-invalid = Enter a time like 09:30
valid-time-gap = { $time } does not exist on { $date } in { $zone }: the clocks go forward that night. Choose another time
valid-time-twice = { $time } happens twice on { $date } in { $zone } because the clocks go back: first at { $earlier }, then at { $later }. Choose which one you mean
valid-time-twice-deadline = { $time } happens twice on { $date } in { $zone } because the clocks go back (first at { $earlier }, then at { $later }). Choose another time for this deadline
valid-fold-invalid = Choose “the first time” or “the second time”
valid-end-before-start = The end must be after the start
valid-event-too-long = An event can last at most 31 days
valid-event-status-invalid = Choose a status from the list
valid-session-kind-invalid = Choose a type from the list
valid-session-status-invalid = Choose a status from the list
valid-room-unknown = Choose a room of this event
valid-track-unknown = Choose a track of this event
valid-capacity-invalid = Enter a number of seats from 1 to 100000
valid-people-line = Line { $line } is not “role: name, organisation” with the role speaker, moderator or panelist
valid-people-unknown-account = No account has the e-mail address { $email }; leave it out to name a guest
valid-people-too-many = A session can have at most 40 people
valid-room-name-taken = The event has a room of this name already
valid-track-name-taken = The event has a track of this name already
orga-import-skip = Skip events with a problem and import the rest (each skipped event is listed with its line)
import-refused = { $count ->
    [one] One event
   *[other] { $count } events
} of the file cannot be imported, nothing was imported. Correct them, or tick “skip” to import the rest:
import-done-with-skips = { $created } new and { $updated } updated sessions imported. { $skipped ->
    [one] One event was
   *[other] { $skipped } events were
} skipped:
import-no-file = Choose an .ics file to import
import-file-too-large = The file is larger than 1 MB
import-not-utf8 = The file is not a text file in UTF-8
import-empty = The file contains no events (line { $line })
import-not-ical = This is not an iCalendar file (line { $line })
import-missing-start = The event starting on line { $line } has no start time
import-bad-date = Line { $line }: the date or time “{ $detail }” cannot be read
import-unknown-timezone = Line { $line }: the time zone “{ $detail }” is unknown
import-end-before-start = The event starting on line { $line } ends before it starts
import-time-gap = Line { $line }: the local time { $detail } does not exist, the clocks go forward that night
import-bad-duration = Line { $line }: the duration “{ $detail }” cannot be read (expected e.g. PT1H30M)
import-session-too-long = The event starting on line { $line } lasts longer than { $detail } days
import-duplicate-uid = Line { $line }: the UID “{ $detail }” occurs more than once in the file
import-recurring = The event starting on line { $line } repeats; recurring events cannot be imported, please export single events
import-too-many = The file has more than 2000 events
import-too-long = Line { $line }: a title or description is too long

## Registration
registration-status-pending = waiting for approval
registration-status-confirmed = confirmed
registration-status-waitlisted = on the waiting list
registration-status-offered = place offered
registration-status-cancelled = cancelled
registration-status-rejected = rejected
registration-status-expired = offer expired
registration-closed = Registration for this event is closed.
registration-not-open-yet = Registration for this event has not opened yet.
registration-exists = You are registered for this event already.
registration-not-found = You have no registration for this event.
registration-no-offer = No place is being offered to you for this event.
registration-offer-expired = The offered place was held until a deadline that has passed; it has gone to the next person in line.
valid-instant-invalid = Enter a date and time like 2027-10-01T09:00:00+02:00
valid-offer-hours-invalid = Enter a number of hours from 1 to 720
mail-registration-confirmed-subject = Your registration: { $event }
mail-registration-confirmed-body = Your place at { $event } is confirmed. Your registration: { $link }
mail-registration-pending-subject = Registration received: { $event }
mail-registration-pending-body = We have received your registration for { $event }. The organisers will confirm it; we will write to you then. { $link }
mail-registration-waitlisted-subject = Waiting list: { $event }
mail-registration-waitlisted-body = { $event } is fully booked, so you are on the waiting list. When a place frees up, it is offered to the first person in line by e-mail. { $link }
mail-registration-offered-subject = A place is free for you: { $event }
mail-registration-offered-body = A place at { $event } has become free and is held for you until { $until }. Confirm it here: { $link }
registration-title = Registration
registration-your-status = Your registration:
registration-open = Registration is open.
registration-open-until = Registration is open until { $until }.
registration-opens-on = Registration opens on { $from }.
registration-offered-until = place offered, held for you until { $until }
registration-register = Register
registration-cancel = Cancel my registration
registration-accept = Take the offered place
registration-sign-in-first = Sign in to register
registration-orga-title = Registrations
registration-opens-at = Opens at
registration-opens-at-hint = Optional: leave empty to open at once.
registration-closes-at = Closes at
registration-capacity = Places
registration-capacity-hint = Optional: without a number, everyone gets a place.
registration-offer-hours = Hours an offered place is held
registration-offer-hours-hint = When a place frees up, the first person on the waiting list has this long to take it.
registration-retention = Retention (months after the event)
registration-retention-hint = Then answers and uploaded files are deleted and registrations are unlinked from the accounts; the counts stay. Empty: kept until you delete them.
registration-anonymised-on = The registrations were anonymised on { $at }.
valid-retention-months-invalid = Enter 1 to 120 months, or leave the field empty
registration-approval = Organisers approve each registration
registration-list = Registrations in order of arrival
registration-since = Registered
registration-none = No registrations yet.
registration-summary = { $confirmed } confirmed, { $pending } awaiting approval, { $offered } offered, { $waitlisted } on the waiting list.
flash-registration-confirmed = You are registered.
flash-registration-pending = Your registration has been received; the organisers will confirm it.
flash-registration-waitlisted = The event is fully booked; you are on the waiting list.
flash-registration-cancelled = Your registration has been cancelled.
flash-registration-settings = The registration settings have been saved.

## Registration forms, bookings, check-in, privacy
form-optional = (optional)
form-choose = Please choose
form-delete = Delete
form-name-de = Name (German)
form-name-en = Name (English)
filter-all = All
filter-apply = Show
flash-saved = Saved.
flash-deleted = Deleted.
valid-required = Please fill in this field.
valid-question-unknown = This form has no such question (any more). Please reload the page and answer only the questions shown.
valid-choice-invalid = Please choose one of the options.
valid-consent-required = Please tick this box to register.
valid-country-invalid = Please choose a country from the list.
valid-number-invalid = Please enter a number, e.g. 12 or 3.5.
valid-text-too-long = Please write at most { $max } characters.
valid-file-too-large = The file is larger than { $mb } MB. Please upload a smaller one.
valid-file-type = Only PDF, PNG and JPEG files are accepted; this file is none of them.
valid-file-pdf-broken = This file claims to be a PDF but cannot be read as one (damaged, or something else). Please upload a valid PDF.
valid-file-base64 = A file must be sent as an object with "filename" and "content_base64" (Base64).
valid-question-kind-invalid = Please choose a kind of question.
valid-question-options-missing = Please give at least two choices, one per line.
valid-question-max-mb-invalid = Please give a size between 1 and 10 MB.
valid-ticket-type-unknown = Please choose one of the ticket types.
valid-ticket-type-exists = This event has a ticket type with this name already.
valid-decision-invalid = The action must be approve, reject, cancel or move (with a ticket type).
answer-yes = Yes
answer-no = No
answer-consent-given = given
answer-consent-withdrawn = withdrawn
consent-title = Consents
consent-given-on = given on { $at }
consent-withdrawn-on = withdrawn on { $at }
consent-not-given = not given
consent-give = Give consent
consent-withdraw = Withdraw consent
consent-required-note = Needed for the registration: you withdraw this consent by cancelling the registration.
consent-required-cancel = This consent is needed for the registration. To withdraw it, cancel your registration.
consent-not-found = Your registration has no such consent.
valid-consent-withdraw-required = This consent is needed for the registration. To withdraw it, cancel your registration.
flash-consent-given = Your consent is given.
flash-consent-required-cancel = This consent is needed for the registration. To withdraw it, cancel your registration.
flash-consent-withdrawn = Your consent is withdrawn.
question-kind = Kind of question
question-kind-text = Short text
question-kind-long-text = Long text
question-kind-number = Number
question-kind-date = Date
question-kind-single-choice = One choice
question-kind-multiple-choice = Several choices
question-kind-yes-no = Yes or no
question-kind-country = Country
question-kind-file = File upload
question-kind-consent = Consent (a box to tick)
question-label-de = Question (German)
question-label-en = Question (English)
question-help-de = Help text (German)
question-help-en = Help text (English)
question-options = Choices
question-options-hint = One per line, German and English separated by a vertical bar: Vegetarisch | Vegetarian
question-max-mb = Largest file (MB)
question-max-mb-hint = File questions only; at most 10 MB, default 5 MB. PDF, PNG and JPEG are accepted.
question-only-for = Ask only for these ticket types (none ticked: for everyone)
question-required = required
question-add = Add question
question-not-found = This question does not exist.
question-file-limits = PDF, PNG or JPEG, at most { $mb } MB.
question-file-stored = Stored: { $file }. Choose a file only to replace it.
questions-title = Questions
questions-none = No questions yet: people register with one click.
questions-preview = See the form as participants see it
ticket-types = Ticket types
ticket-add = Add ticket type
ticket-taken = { $taken } places taken
ticket-type-not-found = This ticket type does not exist.
ticket-with-places = { $name } ({ $places } places)
upload-not-found = This file does not exist.
registration-ticket = Ticket type
registration-submit = Register now
registration-view = Your registration
registration-mine-title = Your registration
registration-answers = Your answers
registration-change-answers = Change your answers
registration-edit-note = You can change your answers until { $until }.
registration-edit-closed = Answers can no longer be changed.
registration-code-title = Your personal code
registration-code-hint = Show this QR code at the entrance. It was also sent to you by e-mail.
registration-waitlisted-note = When a place frees up, it is offered to the first person in line by e-mail.
registration-pending-note = The organisers will confirm your registration; we will write to you then.
registration-form-title = Registration form
registration-settings = Registration settings
registration-edit-until = Answers can be changed until
registration-edit-until-hint = Optional: without a date, until registration closes.
registration-counts = Live counts
registration-search = Name, e-mail, organisation or answer
registration-actions = Actions
registration-approve = Approve
registration-reject = Reject
registration-cancel-by-organiser = Cancel
registration-move = Move
registration-move-to = Move to ticket type
registration-checked-in = Checked in
registration-not-pending = Only registrations waiting for approval can be approved.
registration-not-active = This registration has already ended.
registration-ticket-full = The chosen ticket type has no free place.
flash-registration-decided = The registration has been updated and the participant informed.
flash-answers-saved = Your answers have been saved.
export-csv = Download CSV (Excel)
export-json = Download JSON
export-id = No.
export-name = Name
export-email = E-mail
export-organisation = Organisation
export-status = Status
export-ticket = Ticket type
export-registered-at = Registered at
export-checked-in-at = Checked in at
mail-registration-code = Your personal code for the entrance is { $code }; the QR code and the event for your calendar are attached.
mail-registration-rejected-subject = Registration not accepted: { $event }
mail-registration-rejected-body = We are sorry: the organisers of { $event } could not accept your registration. { $link }
mail-registration-cancelled-subject = Registration cancelled: { $event }
mail-registration-cancelled-body = Your registration for { $event } has been cancelled. { $link }
mail-registration-expired-subject = Offer expired: { $event }
mail-registration-expired-body = The place held for you at { $event } was not confirmed by { $until } and goes to the next person in line. { $link }
booking-title = Seats
booking-summary = { $taken } of { $seats } seats taken, { $waiting } on the waiting list.
booking-summary-open = { $taken } booked.
booking-book = Book a seat
booking-join-waitlist = Join the waiting list
booking-cancel = Give up the seat
booking-sign-in = Sign in and register for the event to book a seat.
booking-needs-registration = Only people with a confirmed registration for the event can book a seat.
booking-session-started = This session has already started.
booking-clash = This overlaps with “{ $session }” ({ $time }), which you have booked. Give up that seat first.
booking-not-found = You have no booking for this session.
booking-status-confirmed = seat booked
booking-status-waitlisted = on the waiting list
booking-status-cancelled = cancelled
booking-status-offered = seat held for you until { $until }
booking-status-expired = offer expired
booking-accept = Accept the seat
booking-decline = Decline the offer
booking-offer-expired = The offered seat was held until a deadline that has passed; it has gone to the next person in line.
booking-mine = Your sessions
booking-sessions = Limited sessions
booking-booked = Booked
flash-booking-confirmed = Your seat is booked.
flash-booking-waitlisted = The session is full; you are on its waiting list.
flash-booking-cancelled = Your seat has been given up.
mail-booking-offered-subject = A seat is free for you: { $session }
mail-booking-offered-body = A seat in “{ $session }” ({ $event }, { $time }) has become free and is held for you until { $until }. Accept it here: { $link }
mail-booking-expired-subject = Offer expired: { $session }
mail-booking-expired-body = The seat in “{ $session }” ({ $event }, { $time }) was held for you until { $until } and was not accepted; it goes to the next person in line. You can join the waiting list again: { $link }
checkin-title = Check-in
checkin-where = Check in at
checkin-event-entrance = Event entrance
checkin-code = Personal code
checkin-code-hint = Scan the QR code or type the code.
checkin-scan = Scan with the camera
checkin-submit = Check in
checkin-search = Find by name
checkin-nobody = Nobody found.
checkin-valid = Valid: checked in.
checkin-already = Already checked in.
checkin-already-at = Already checked in at { $at }.
checkin-cancelled = Not valid: this registration has ended.
checkin-not-confirmed = Not valid: this registration is not confirmed.
checkin-wrong-event = Not valid: this code is for another event.
checkin-unknown = Unknown code.
checkin-not-booked = Not booked for this session.
account-data-download = Download my data (JSON)
account-delete-title = Delete my account
account-delete-explain = Your registrations are cancelled (the places go to the waiting lists), your answers and files are deleted, and what remains for the organisers' counts no longer names you. This cannot be undone.
account-delete-password-hint = Please confirm with your password.
account-delete-submit = Delete my account for good
account-delete-wrong-password = The password is not correct.
account-delete-last-admin = The last administrator cannot delete their account; grant the role to someone else first.
flash-account-deleted = Your account has been deleted.
question-only-for-tickets = Only for: { $tickets }
ticket-type-in-use = This ticket type is held by registrations; move them to another ticket type first.

## Innovation calls
valid-call-deadline-before-opening = The submission deadline must be after the opening.
valid-call-review-before-deadline = The review cannot start before the submission deadline.
valid-call-results-before-review = Results cannot come out before the review starts.
submission-deadline-passed = The submission deadline has passed; the submission can no longer be changed.
submission-review-before-deadline = The review can only start after the submission deadline.
submission-status-change-invalid = This status change is not possible for this submission.
layout-nav-calls = Calls
calls-title = Innovation calls
calls-none = No calls are open at the moment.
call-not-found = This call does not exist or is not published.
call-not-open-yet = The call is not open for submissions yet.
call-results-need-published = Publish the call before its results.
call-draft-notice = This call is a draft: only its organisers see it.
call-phase-upcoming = Opening soon
call-phase-open = Open for submissions
call-phase-closed = Submission closed
call-phase-review = The jury is reviewing
call-phase-decided = Results are out
call-deadline-line = Submissions until { $deadline }
call-countdown = { $days ->
    [0] { $hours ->
        [one] 1 hour
       *[other] { $hours } hours
    }, { $minutes ->
        [one] 1 minute
       *[other] { $minutes } minutes
    } left
    [one] 1 day, { $hours ->
        [one] 1 hour
       *[other] { $hours } hours
    } left
   *[other] { $days } days, { $hours ->
        [one] 1 hour
       *[other] { $hours } hours
    } left
}
call-opens-at = Opens
call-deadline = Submission deadline
call-deadline-hint = Exact to the second, in the call's time zone: a submission at this instant is too late.
call-review-at = Jury review from
call-results-at = Results on
call-start-submission = Start a submission
call-signin-to-submit = Sign in to submit a project
call-manage = Manage this call
call-your-submissions = Your submissions
call-results = Finalists and winners
call-orga-blind-reviews-pending = You are a juror of this call and still have reviews to hand in in a round that hides the applicants' names. Until you have handed them in (or the round closes), the submissions with their names, files and exports are closed to you, so that your review stays blind.
call-bulk-select = Select
call-bulk-select-one = Select “{ $title }”
call-bulk-legend = Decision for the selected submissions
call-bulk-hint = Tick the submissions in the list and choose a decision. It applies to all or none: if it does not fit one of them, nothing changes. Every team gets the usual e-mail.
call-bulk-action = Decision
call-bulk-action-eligible = Eligible
call-bulk-action-ineligible = Not eligible (with a reason)
call-bulk-action-in_review = Put into review
call-bulk-reason = Reason
call-bulk-reason-hint = For “not eligible” only: every selected team receives this reason.
call-bulk-apply = Apply to the selection
call-bulk-refused = “{ $title }” cannot take this decision in its current status. Nothing was changed; take it out of the selection.
valid-bulk-none-selected = Select at least one submission in the list.
valid-bulk-too-many = At most { $max } submissions at once.
valid-bulk-not-in-call = A selected submission is not part of this call or is still a draft.
flash-bulk-decided = { $count ->
    [one] 1 submission decided.
   *[other] { $count } submissions decided.
}
call-place = { $place ->
    [1] 1st place
    [2] 2nd place
    [3] 3rd place
   *[other] Place { $place }
}
call-categories = Categories
call-categories-hint = One per line, German and English separated by “|”, e.g. “Wasserstoff | Hydrogen”.
call-eligibility = Who can take part
call-event = The finalists pitch at
call-status-draft = Draft
call-status-published = Published
call-status-results-published = Published with results
call-teaser-de = Teaser (German)
call-teaser-en = Teaser (English)
call-body-de = Full text (German)
call-body-en = Full text (English)
call-eligibility-de = Eligibility rules (German)
call-eligibility-en = Eligibility rules (English)
call-linked-event = Event for the finalists' pitch
call-linked-event-hint = The event whose pitching session hosts the finalists (optional).
call-no-event = No event
call-abstract-max = Longest abstract (characters)
call-max-files = Most attachments per submission
call-file-max-mb = Largest attachment (MB)
call-file-required = At least one attachment (e.g. a pitch deck) is required
call-mail-submitted-de = Added to the confirmation email (German)
call-mail-submitted-en = Added to the confirmation email (English)
call-mail-ineligible-de = Added to the email about ineligibility (German)
call-mail-ineligible-en = Added to the email about ineligibility (English)
orga-calls-title = My calls
orga-call-new = New call
orga-call-sections = Parts of this call
orga-call-public-page = Public page
orga-call-questions = Submission form
orga-call-submissions = Submissions
orga-call-settings = Call settings
orga-call-publish = Publish the call
orga-call-unpublish = Take the call offline
orga-call-publish-results = Publish the results
orga-call-hide-results = Hide the results
flash-call-created = The call has been created as a draft.
flash-submission-started = Your draft has been created. It is saved each time you press “Save”.
flash-submission-submitted = Submitted. We have sent a confirmation to your team.
flash-submission-withdrawn = Your submission has been withdrawn.
flash-submission-invited = Saved. New members get an invitation by email.
flash-submission-file-added = The file has been attached.
submission-not-found = This submission does not exist or is not yours.
submission-not-editable = This submission can no longer be changed.
submission-file-not-found = This file does not exist.
submission-member-not-found = This team member does not exist.
submission-lead-stays = The person who started the submission stays on the team.
submission-untitled = (untitled)
submission-status = Status
submission-status-draft = Draft
submission-status-submitted = Submitted
submission-status-withdrawn = Withdrawn
submission-status-ineligible = Not eligible
submission-status-in-review = In review
submission-status-shortlisted = Shortlisted
submission-status-finalist = Finalist
submission-status-winner = Winner
submission-status-not-selected = Not selected
submission-note-draft = A draft: only your team sees it. Submit it before { $deadline }.
submission-note-submitted = Submitted. You can still change it or withdraw it until { $deadline }.
submission-note-withdrawn = Withdrawn. You can submit it again until { $deadline }.
submission-note-closed = The submission deadline has passed: the submission can be read but no longer changed.
submission-missing = Before you can submit, please fill in:
submission-submit = Submit
submission-withdraw = Withdraw
submission-save = Save
submission-title = Project title
submission-category = Category
submission-abstract = Abstract
submission-abstract-hint = At most { $max } characters.
submission-organisation = Organisation
submission-website = Website
submission-website-hint = Starting with https://
submission-files = Attachments
submission-files-none = No attachments yet.
submission-file = File (PDF, PNG or JPEG)
submission-file-label = What it is (e.g. pitch deck)
submission-file-note = Up to { $count } files of at most { $mb } MB each; PDF, PNG or JPEG.
submission-upload = Attach
submission-team = Team
submission-member-email = Email address
submission-member-name = Name
submission-member-role = Role
submission-member-role-hint = E.g. project lead, engineering, finance.
submission-member-remove = Remove
submission-invite = Invite to the team
submission-reason = Reason
submission-reason-label = Why is it not eligible? (The team is told.)
submission-placement = Placement
submission-eligibility = Eligibility
submission-eligible = eligible
submission-eligible-since = Eligible (checked { $at })
submission-eligibility-unchecked = Not checked yet
submission-eligible-at = Eligible since
submission-submitted-at = Submitted
submission-decide = Decide
submission-mark-eligible = Mark as eligible
submission-mark-ineligible = Mark as not eligible
submission-make-winner = Make winner
submission-history = History
submission-history-when = When
submission-history-who = Who
submission-history-what = Change
submission-search = Search title, organisation, abstract, lead
submission-filter-handed-in = All handed in
submissions-none = No submissions match.
export-zip = Download all attachments (ZIP)
valid-call-event-unknown = Choose one of your events.
valid-call-file-missing = Attach at least one file (e.g. your pitch deck).
valid-call-file-required-without-files = Allow at least one attachment if one is required.
valid-call-too-many-categories = At most 30 categories.
valid-file-missing = Choose a file.
valid-number-range = Enter a whole number from { $min } to { $max }
valid-submission-placement = Enter the placement as a whole number from 1 to 100.
valid-submission-reason-required = Say why it is not eligible; the team is told.
valid-submission-team-full = A team has at most { $max } members.
valid-submission-too-many-files = At most { $max } attachments; delete one first.
valid-url-invalid = Enter a web address starting with https://
mail-submission-submitted-subject = Submitted: { $title } ({ $call })
mail-submission-submitted-body = Your project “{ $title }” has been submitted to { $call }. You can change or withdraw it until { $deadline }: { $link }
mail-submission-eligible-subject = Eligible: { $title } ({ $call })
mail-submission-eligible-body = The organisers of { $call } have checked “{ $title }”: it meets the rules of the call and goes to the jury. { $link }
mail-submission-ineligible-subject = Not eligible: { $title } ({ $call })
mail-submission-ineligible-body = The organisers of { $call } have checked “{ $title }”: unfortunately it does not meet the rules of the call. Reason: { $reason } { $link }
mail-submission-invite-subject = { $inviter } invites you to a submission to { $call }
mail-submission-invite-body = { $inviter } has added you to the team of the submission “{ $title }” to { $call }. Sign in or create an account with { $email } to see and edit it: { $link }
calendar-call-deadline = Submission deadline: { $call }
calendar-call-deadline-description = Submissions are accepted until this instant, exact to the second.
calendar-jury-round = Jury: { $round } ({ $call })
calendar-jury-round-description = Your reviews for this round are due by the end of this entry.
submission-no-decision = Nothing more to decide at this stage.
