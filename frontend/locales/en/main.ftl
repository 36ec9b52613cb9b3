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
error-not-found = We could not find this page. Check the address, or start from the home page.
error-conflict-title = That did not work
error-invalid-title = Please check your input
error-invalid = Some of the information you entered is not valid.
error-too-many-title = Too many attempts
error-payload-too-large = The request is too large.
error-internal-title = Something went wrong
error-internal = Something went wrong on our side. Please try again later; if it keeps happening, tell us the reference below.
error-csrf = This form has expired or did not come from this site. Please reload the page and try again.
error-account-not-found = There is no such account.
error-grant-not-found = There is no such role grant.
error-token-not-found = There is no such API token.
error-invalid-token = The API token is missing, invalid, expired or revoked.

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
auth-rate-limited = Too many attempts. Please wait { $minutes } minutes and try again.
auth-link-invalid = This link is invalid or has expired. Please request a new one.
auth-grant-exists = This account already has this role in this scope.
auth-last-admin = The last administrator cannot lose the administrator role.

## Emails
mail-greeting = Hello { $name },
mail-signature = – convene
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
