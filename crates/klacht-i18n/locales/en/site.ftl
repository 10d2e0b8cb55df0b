# Ui (src/http/i18n.rs)

site-skip-link = Skip to main content
site-language-nav = Language
site-footer-nav = About complaints
site-footer-contact = Contact
site-footer-form = Make a complaint
site-footer-regulation = Complaints procedure
site-footer-leaflet = Printable leaflet
site-footer-accessibility = Accessibility
site-contact-email = Email
site-contact-phone = Phone
site-contact-address = Address
site-contact-website = Website

site-error-summary-title = There is a problem
site-error-prefix = Error:
site-error-title-prefix = Error:{" "}
site-error-page-title = Something went wrong
site-error-page-text = This page cannot be shown right now. This is not your fault. Please try again later, or contact us using the details below.
site-error-page-home = Go to the home page
site-bad-form-title = This form could not be read
site-bad-form-text = What was sent is not plain text or is too large. Nothing was stored. Go back, check what you filled in and send it again.
site-unavailable-title = This cannot be done right now
site-unavailable-text = Our database is temporarily unavailable. Nothing was stored or changed. Please try again in a few minutes, or contact us using the details below.

site-form-title = Make a complaint
site-form-not-stored = Your complaint was not stored: we cannot save anything right now. This is not your fault. Everything you filled in is still below; please try sending it again in a few minutes.
site-form-regulation-before = What we do with your complaint is described in our
site-form-regulation-link = complaints procedure
site-other-ways-heading = Prefer another way?
site-other-ways-intro = You can also give us your complaint in one of these ways:
site-form-heading = Complaint form
site-form-required-note = Each field says whether you have to fill it in.
site-required = (required)
site-optional = (optional)
site-section-details = Your details
site-section-complaint = Your complaint
site-name-label = Name
site-name-hint = Your first name and surname.
site-contact-legend = How can we reach you?
site-contact-hint = Fill in your email address or your phone number. One of the two is required; you may give both.
site-email-label = Email address
site-phone-label = Phone number
site-address-label = Address
site-address-hint = Street, house number, postcode and town. Only needed if you would rather have our answer by post.
site-relation-label = What is your relationship with us?
site-relation-choose = Choose…
site-behalf-legend = Are you complaining on behalf of someone else?
site-behalf-hint = For example as the parent or guardian of a child, or as a relative or support worker. Then fill in the name of the person the complaint is about. The name and contact details above are then yours. Complaining for yourself? Leave this field empty.
site-on-behalf-of-label = Name of the person you are complaining for
site-date-of-birth-label = Date of birth
site-date-of-birth-hint = Yours, or if you are complaining for someone else: theirs.
site-description-label = What is your complaint?
site-description-hint = Tell us what happened, when it was and who was involved. Please also write what you expect from us.
site-attachments-label = Attachments
site-attachments-hint = For example a letter, photo or email. Allowed: PDF, photos (JPG, PNG, GIF, WebP, HEIC), Word, Excel, PowerPoint and OpenDocument.
site-attachments-limits = You can add at most { $files } files of at most { $size } each.
site-kept-title = Already attached:
site-kept-hint = We already have these files. You do not need to choose them again.
site-kept-remove = Remove
site-privacy-heading = Privacy statement
site-privacy-accepted-label = I have read the privacy statement and agree
site-honeypot-label = Leave this field empty
site-submit = Send complaint

site-adopted-on = Adopted on { $date }
site-version = Version { $version }
site-print-hint = Would you like the complaints procedure on paper? Print this page with your browser's print function.
site-regulation-more-heading = Make a complaint
site-regulation-to-form = Make a complaint with the complaint form
site-regulation-to-leaflet = Leaflet about the complaints procedure (1 page, to print)
site-regulation-to-versions = Every version of the complaints procedure, with the dates it applied

site-versions-title = Versions of the complaints procedure
site-versions-intro = A complaint is handled under the version of the complaints procedure that applied on the day the complaint was received. A new version takes effect at midnight at the start of the day it was adopted for.
site-versions-version = Version
site-versions-from = Applies from
site-versions-until = Applies until
site-versions-status = Status
site-versions-now = Applies now
site-versions-future = Not yet in effect
site-versions-past = No longer applies
site-versions-replaced = Replaced before it took effect
site-version-notice-past = This is an earlier version of the complaints procedure. It applied from { $from } until { $until }.
site-version-notice-future = This version of the complaints procedure takes effect on { $from }. Until then the current version applies.
site-version-notice-replaced = This version of the complaints procedure was replaced before it took effect.
site-version-to-current = To the complaints procedure that applies now

site-leaflet-title = Complaints leaflet
site-leaflet-heading = Not happy? Tell us.
site-leaflet-has-regulation = { $organisation } has a complaints procedure. It says what we do when you have a complaint.
site-leaflet-free = Making a complaint is free. You can do it yourself, or ask someone to do it for you, for example your parent, guardian or support worker.
site-leaflet-how = How to make a complaint
site-leaflet-scan = Scan the QR code with your phone, or go to:
site-leaflet-regulation = The full complaints procedure is at:
site-leaflet-print-hint = This leaflet fits on one A4 page. Print it with your browser's print function.
site-qr-label = QR code linking to

## What is wrong with a typed text (a name, a description), on every page
text-problem-control = This field contains a line break or another control character; type it on one line
text-problem-direction = This field contains characters that change the writing direction (such as U+202E); remove them
text-problem-invisible = This field holds no visible characters

## The language itself, as the language switch names it
language-name = English

# PageError (src/http/page_error.rs): what a page says when a step cannot be taken
page-error-invalid = The request has errors in: { $fields }.
page-error-conflict = This complaint changed while you were working on it. Reload it to see what happened; nothing of yours was saved.
page-error-duplicate = { $what } exists already.
page-error-unavailable = Nothing was stored: the database cannot take this right now (for example, its disk is full or it cannot be reached). Please try again in a minute.
page-error-unexpected = Something went wrong on our side; nothing was changed. Please try again.
