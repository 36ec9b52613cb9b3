# Certificates: templates, issuing, downloads and verification.
cert-kind = Kind
cert-kind-attendance = Certificate of attendance
cert-kind-speaker = Certificate of contribution
cert-kind-pitch = Pitch certificate
cert-kind-placement = Award certificate
cert-kind-jury = Jury service
cert-kind-wrong-owner = This kind does not belong here: attendance and speaker certificates belong to events; pitch, placement and jury ones to calls.
cert-placeholder-unknown = There is no placeholder {"{"}{ $name }{"}"}.
cert-prefix-invalid = Letters, digits and hyphens only, at most 24 characters.
cert-template-not-found = This template does not exist (any more).
cert-template-has-issued = This template has issued certificates and cannot be deleted.
cert-not-found = There is no such certificate.
cert-job-not-found = There is no such job.
cert-job-busy = A job for this template is already running. Please wait until it has finished.
cert-already-issued = This certificate has been issued already.
cert-already-revoked = This certificate has already been revoked.
cert-already-superseded = This certificate has already been re-issued (no. { $serial }).
cert-reissue-no-recipient = By the facts as they stand, this person no longer receives a certificate of this template; check the facts first (the check-in, say).
cert-revoke-reason-required = Please give a reason for revoking it.
cert-image-too-large = The image is too large (at most { $max } MB).
cert-image-too-many-pixels = The image has too many pixels (at most 4000 on a side).
cert-image-not-image = This is not a PNG or JPEG image.

cert-orga-link = Certificates
cert-list-title = Certificates: { $owner }
cert-back-to-event = Back to the event
cert-back-to-call = Back to the call
cert-back-to-list = Back to the templates
cert-back-to-template = Back to the template
cert-templates = Templates
cert-template = Template
cert-templates-none = No templates yet.
cert-issued-count = Issued
cert-revoked-count = Revoked
cert-template-new = New template
cert-template-create = Create template
cert-new-hint = You upload the logo and signature after creating it.
cert-session = For
cert-session-whole-event = The whole event
cert-title-de = Title (German)
cert-title-en = Title (English)
cert-title-hint = Large above the name, e.g. “Certificate of attendance” or “{"{"}placement{"}"}”.
cert-body-de = Text (German)
cert-body-en = Text (English)
cert-place = Place
cert-place-hint = Shown with the date of issue above the signatures, e.g. “Düsseldorf”.
cert-signatories = Signatories
cert-signatory1-name = Name (1)
cert-signatory1-role = Function (1)
cert-signatory2-name = Name (2)
cert-signatory2-role = Function (2)
cert-landscape = Landscape (A4)
cert-serial-prefix = Serial number prefix
cert-serial-prefix-hint = Numbers then read e.g. “CMR-2026-0001”.
cert-placeholders = Placeholders: { $list }
cert-save = Save
cert-preview = Preview
cert-preview-unsaved = Preview without saving
cert-preview-de = Sample in German (PDF)
cert-preview-en = Sample in English (PDF)
cert-design = Design
cert-images = Logo and signature
cert-logo = Logo
cert-signature = Signature (scanned)
cert-image-hint = PNG or JPEG, at most 2 MB.
cert-image-present = An image is stored; a new one replaces it.
cert-image-remove = Remove
cert-images-save = Save images
cert-template-delete = Delete template

cert-issue-title = Issue
cert-recipients-now = { $count ->
    [0] As things stand, nobody receives a certificate.
    [one] As things stand, one person receives a certificate.
   *[other] As things stand, { $count } people receive a certificate.
}
cert-issue-send-mail = E-mail each person their certificate (once)
cert-issue = Issue certificates
cert-issue-hint = Nobody receives a second certificate from this template. You can issue again at any time, e.g. after more check-ins.
cert-job = Job
cert-job-queued = waiting
cert-job-running = running
cert-job-done = done
cert-job-failed = failed
cert-job-progress = { $done } of { $total } done, { $issued } of them newly issued.
cert-job-open = View job
cert-download-zip = Download all as ZIP
cert-issued = Issued certificates
cert-issued-none = No certificates issued yet.
cert-serial = No.
cert-recipient = Recipient
cert-issued-at = Issued on
cert-emailed-at = E-mailed on
cert-status = Status
cert-valid = valid
cert-revoke = Revoke
cert-revoke-reason = Reason for revoking
cert-revoke-confirm = Revoke certificate
cert-revoked-on = Revoked on { $date }: { $reason }
cert-revoked-on-short = Revoked on { $date }
cert-superseded-on = Superseded on { $date } by { $serial }
cert-reissue = Re-issue
cert-reissue-hint = A new certificate with a new number, from the template and the facts as they are now. The old one stays as it was issued and counts as superseded (a revoked one stays revoked).
cert-reissue-send-mail = E-mail the new certificate
cert-reissue-confirm = Re-issue the certificate

cert-mine-title = My certificates
cert-mine-none = You have no certificates yet.
cert-download = Download PDF
cert-verify-link = Verify

cert-verify-title = Verify a certificate
cert-verify-genuine = This certificate is genuine.
cert-verify-revoked = This certificate has been revoked.
cert-verify-superseded = This certificate has been superseded by { $serial }.
cert-verify-superseded-on = It is genuine and stays as it was issued; since { $date }, certificate no. { $serial } counts in its place.
cert-verify-not-found = There is no certificate with this code.
cert-verify-not-found-help = Please check the code on the certificate (20 characters, e.g. ABCDE-FGHJK-MNPQR-STVWX).
cert-verify-what = Certificate
cert-verify-for = For
cert-verify-by = Signed by
cert-verify-code = Verification code
cert-verify-code-hint = Printed at the bottom of the certificate next to the QR code.
cert-verify-check = Verify

cert-pdf-serial = No. { $serial }
cert-pdf-verify = Verify:
cert-sample-name = Alex Example
cert-sample-organisation = Example Ltd
cert-sample-session = Matchmaking & Pitching Session
cert-sample-submission = Heavy-rain sensor network
cert-mail-subject = Your certificate: { $title } – { $event }
cert-mail-body =
    Attached is your certificate “{ $title }” ({ $event }) as a PDF.

    Anyone can check that it is genuine here:
    { $url }

    You also find all your certificates at { $me }.

flash-cert-template-created = The template has been created.
flash-cert-template-saved = The template has been saved.
flash-cert-template-deleted = The template has been deleted.
flash-cert-images-saved = The images have been saved.
flash-cert-revoked = The certificate has been revoked.
flash-cert-reissued = The certificate has been re-issued; the old one counts as superseded.
