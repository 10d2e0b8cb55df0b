# The back office (templates/beheer, src/backoffice), by page.

## desk

desk-there-is-a-problem = There is a problem
desk-complaint = Complaint
desk-received = Received
desk-channel = Channel
desk-status = Status
desk-handler = Handler
desk-category = Category
desk-not-yet-assigned = not yet assigned
desk-my-account = My account
desk-e-mail-address = E-mail address
desk-roles = Roles
desk-language = Language
desk-the-new-password-again = The new password again
desk-set-up-a-second-factor = Set up a second factor
desk-account-log = Account log
desk-by = By
desk-error = Error:
desk-to = To
desk-skip-to-content = Skip to content
desk-back-office = back office
desk-main-menu = Main menu
desk-dashboard = Dashboard
desk-register-a-complaint = Register a complaint
desk-reports = Reports
desk-recommendations = Recommendations
desk-evaluations = Evaluations
desk-notifications = Notifications
desk-unread = unread
desk-users = Users
desk-sign-out = Sign out
desk-action = Action
desk-recommendation = Recommendation
desk-due = Due
desk-overdue = overdue
desk-severity = Severity
desk-sensitive = Sensitive
desk-complaints = Complaints
desk-the-complaint = The complaint
desk-received-by = Received by
desk-description = Description
desk-year = Year
desk-reason = Reason
desk-the-recommendation = The recommendation
desk-save = Save
desk-name = Name
desk-e-mail = E-mail
desk-this-form-no-longer-belongs-to-your = This form no longer belongs to your session, for instance because you signed in again meanwhile. Nothing was saved. Go back, reload the page and try again.
desk-error-2 = Error:{" "}

## table

table-next-deadline = Next deadline

## account

account-language-of-e-mail-notifications = Language of e-mail notifications
account-save-language = Save language
account-change-password = Change password
account-current-password = Current password
account-new-password-at-least-12-characters = New password (at least 12 characters)
account-second-factor = Second factor
account-on-signing-in-also-asks-for-a-code-from = On: signing in also asks for a code from your authenticator app.
account-set-up-another-phone-or-app = Set up another phone or app
account-turn-the-second-factor-off = Turn the second factor off
account-off = Off.
account-calendar = Calendar
account-a-secret-address-with-the-deadlines-of = A secret address with the deadlines of your complaints, for Outlook or Google Calendar. It holds no names or complaint texts.
account-your-calendar-address-copy-it-now-it-is = Your calendar address (copy it now; it is not shown again):
account-make-a-new-calendar-address-the-old-one = Make a new calendar address (the old one stops)
account-make-a-calendar-address = Make a calendar address
account-stop-the-calendar-address = Stop the calendar address
account-second-factor-set-up-from-now-on-signing = Second factor set up. From now on, signing in also asks for a code from your app.
account-language-saved = Language saved.
account-your-current-password-is-not-right = Your current password is not right.

## account_log

account-log-who-changed-roles-de-activated-an = Who changed roles, (de)activated an account, sent a password link, set a password, or set up or cleared a second factor, for which account and when. Newest first; nothing in it can be changed or removed.
account-log-the-log-is-empty-so-far = The log is empty so far.
account-log-when = When
account-log-account = Account
account-log-what = What
account-log-older-lines = Older lines

## analysis

analysis-klacht-makes-the-figures-from-the-data = klacht makes the figures from the data; here you write what they mean and what you recommend. The text appears in the report as a web page and as PDF.
analysis-last-written-by = Last written by
analysis-no-analysis-has-been-written-for-this = No analysis has been written for this report yet.
analysis-analysis-and-recommendations = Analysis and recommendations
analysis-no-names-contact-details-or-other = No names, contact details or other personal data: the annual report may be published.
analysis-save-and-show-the-report = Save and show the report
analysis-the-half-year-report = the half-year report
analysis-the-annual-report = the annual report
analysis-the-report-on = the report on
analysis-to-the-reports = To the reports
analysis-this-address-names-no-report-that-exists = This address names no report that exists.
analysis-analysis-and-recommendations-for = Analysis and recommendations for
analysis-write-the-analysis-at-most-20-000 = Write the analysis (at most 20,000 characters).

## code

code-sign-in-code = Sign-in code
code-code-from-your-authenticator-app = Code from your authenticator app
code-six-digits-the-code-changes-every-30 = Six digits; the code changes every 30 seconds.
code-continue = Continue

## dashboard

dashboard-what-needs-me-now = What needs me now
dashboard-nothing-waits-on-you = Nothing waits on you now.
dashboard-why = Why
dashboard-waiting-overdue = Deadline passed
dashboard-waiting-due-soon = Deadline ends today or on the next working day
dashboard-waiting-board-consultation = Very serious / sensitive — board consultation needed
dashboard-waiting-unassigned = No handler yet: assign one
dashboard-waiting-hearing = Hear the staff member concerned
dashboard-waiting-decision = Your decision
dashboard-waiting-sign-off = Your signature on the registration form
dashboard-nobody-yet = Nobody yet
dashboard-waiting-more = More is waiting than shown here. All of it is in the list:
dashboard-more-mine = Open complaints assigned to me
dashboard-more-unassigned = Open complaints not yet assigned
dashboard-more-due = Open complaints, the nearest deadline first
dashboard-more-sensitive = Open sensitive complaints
dashboard-more-decided = Decided complaints not yet closed
dashboard-more-severity = Open complaints: { $severity }
dashboard-1-unread-notification = 1 unread notification
dashboard-unread-notifications = unread notifications
dashboard-my-open-improvement-actions = My open improvement actions
dashboard-no-open-improvement-actions = You have no open improvement actions left.
dashboard-update-action = Update
dashboard-action-updated = Improvement action “{ $action }” updated; its status is now: { $status }.
dashboard-due-soon = due soon
dashboard-all-complaints-you-may-see = All complaints you may see
dashboard-search-and-filter-complaints = Search and filter complaints
dashboard-search = Search
dashboard-reference-name-or-words-from-the-dossier = Reference, name or words from the dossier
dashboard-escalation = Escalation
dashboard-order = Order
dashboard-overdue-only = Overdue only
dashboard-show = Show
dashboard-clear-filters = Clear filters
dashboard-no-complaints-found = No complaints found.
dashboard-pages = Pages
dashboard-first-page = First page
dashboard-next-page = Next page
dashboard-unknown-status-ignored = Unknown status ignored.
dashboard-unknown-handler-ignored = Unknown handler ignored.
dashboard-unknown-channel-ignored = Unknown channel ignored.
dashboard-that-page-position-does-not-exist = That page position does not exist; showing the first page.
dashboard-the-sort-order-changed-showing-the-first = The sort order changed; showing the first page.
dashboard-all = All
dashboard-open-not-yet-closed = Open (not yet closed)
dashboard-anyone = Anyone
dashboard-either = Either
dashboard-escalated-only = Escalated only
dashboard-not-escalated = Not escalated
dashboard-sensitive-only = Sensitive only
dashboard-not-sensitive = Not sensitive
dashboard-newest-first = Newest first
dashboard-nearest-deadline-first = Nearest deadline first

## dossier

dossier-the-complainant-is-not-satisfied-and = The complainant is not satisfied and asks to reopen the complaint.
dossier-what-you-can-do-now = What you can do now
dossier-there-is-no-step-for-you-now = There is no step for you now.
dossier-registration-form-print-or-pdf = Registration form (print or PDF)
dossier-attach-a-document = Attach a document
dossier-pdf-image-or-office-document = PDF, image or office document.
dossier-attach = Attach
dossier-where = Where
dossier-on-behalf-of = On behalf of
dossier-escalated-to = Escalated to
dossier-deadlines = Deadlines
dossier-deadline = Deadline
dossier-met = Met
dossier-extended = Extended
dossier-settlement = Settlement
dossier-complainant-satisfied = Complainant satisfied
dossier-measures = Measures
dossier-signed = Signed
dossier-registration-form = Registration form
dossier-complete = Complete
dossier-not-complete-yet-this-is-missing = Not complete yet; this is missing:
dossier-timeline = Timeline
dossier-opened-by = Opened by
dossier-who-opened-this-dossier-newest-first = Who opened this dossier (newest first)
dossier-by-post-to-be-printed-and-sent = by post: to be printed and sent
dossier-not-delivered-the-mail-server-refused-it = NOT delivered: the mail server refused it. Contact the complainant another way.
dossier-by-e-mail = by e-mail
dossier-nobody-appoint-a-deputy = (nobody: appoint a deputy)
dossier-phone = Phone
dossier-address = Address
dossier-date-of-birth = Date of birth
dossier-categories = Categories
dossier-relation = Relation
dossier-outcome = Outcome
dossier-on = On
dossier-told-to-the-complainant = told to the complainant
dossier-this-complaint-is-very-serious-or = This complaint is very serious or sensitive: the regulation asks the coordinator to consult the board.
dossier-the-complaint-is-registered-the = The complaint is registered. The deadlines run from its receipt.
dossier-how-acknowledged = How acknowledged
dossier-note-not-in-the-letter = Note (not in the letter)
dossier-for-example-confirmed-by-phone-and = For example: confirmed by phone and explained.
dossier-note = Note
dossier-date-of-the-meeting = Date of the meeting
dossier-leave-empty-today = Leave empty: today.
dossier-summary-of-what-the-person-concerned = Summary of what the person concerned said
dossier-how = How
dossier-date = Date
dossier-what-was-discussed = What was discussed
dossier-agreements-and-actions = Agreements and actions
dossier-the-recorded-measures-were-told-to-the = The recorded measures were told to the complainant
dossier-note-2 = Note
dossier-short-summary-for-the-report-to-the = Short summary for the report to the board (no names)
dossier-which-deadline = Which deadline
dossier-new-due-date = New due date
dossier-reason-goes-into-the-letter-to-the = Reason (goes into the letter to the complainant)
dossier-the-complainant-agreed-in-writing-to-a = The complainant agreed in writing to a longer extension
dossier-the-director = the director
dossier-the-board = the board
dossier-not-set = (not set)
dossier-complainants-relation = Complainant's relation
dossier-measure = Measure
dossier-decision-with-reasons-goes-into-the = Decision with reasons (goes into the letter)
dossier-how-communicated = How communicated
dossier-reason-if-the-complainant-gave-one = Reason (if the complainant gave one)
dossier-enter-a-date-day-month-year = Enter a date (day-month-year).
dossier-this-form-lacks-the-complaints-version = This form lacks the complaint's version. Open the complaint again and retry; nothing was saved.

## evaluations

evaluations-evaluations-of-the-complaints-regulation = Evaluations of the complaints regulation
evaluations-the-complaints-regulation-is-evaluated = The complaints regulation is evaluated every year. The regulation in force was adopted on
evaluations-no-evaluation-has-been-recorded-yet = No evaluation has been recorded yet.
evaluations-recorded-evaluations-the-latest-first = Recorded evaluations, the latest first
evaluations-evaluated-on = Evaluated on
evaluations-changed = Changed
evaluations-new-version-adopted-on = New version adopted on
evaluations-notes = Notes
evaluations-yes = yes
evaluations-no = no
evaluations-record-an-evaluation = Record an evaluation
evaluations-year-evaluated = Year evaluated
evaluations-was-the-regulation-changed = Was the regulation changed?
evaluations-no-2 = No
evaluations-yes-2 = Yes
evaluations-new-version-adopted-on-if-changed = New version adopted on (if changed)
evaluations-record = Record

## login

login-sign-in = Sign in
login-signing-in-did-not-work = Signing in did not work
login-password = Password
login-forgot-your-password-ask-the = Forgot your password? Ask the administrator for a new password link.
login-your-session-has-expired-please-sign-in = Your session has expired. Please sign in again. What you were about to save has not been saved.
login-you-have-signed-out = You have signed out.
login-your-password-has-been-set-sign-in-now = Your password has been set. Sign in now.
login-the-sign-in-form-had-expired-please-try = The sign-in form had expired. Please try again.
login-enter-your-e-mail-address-and-your = Enter your e-mail address and your password.
login-this-link-was-used-already-has-expired = This link was used already, has expired, or was replaced by a newer one. Ask the administrator for a new link. (The first link at installation is printed again by `klacht serve` as long as there are no users.)
login-the-two-passwords-are-not-the-same = The two passwords are not the same.
login-enter-your-name = Enter your name.
login-enter-an-e-mail-address-like-name = Enter an e-mail address like name@example.org.

## notices

notices-you-have-no-notifications = You have no notifications.
notices-mark-all-as-read = Mark all as read
notices-new = new
notices-read = Read
notices-older-notifications = Older notifications

## recommendation

recommendation-all-recommendations = All recommendations
recommendation-proposed-by = Proposed by
recommendation-decided-by = Decided by
recommendation-complaints-it-comes-from = Complaints it comes from
recommendation-no-complaints-linked-yet = No complaints linked yet.
recommendation-link-complaint-references = Link complaint references
recommendation-for-example-2026-0012-2026-0040 = For example 2026-0012, 2026-0040 (separated by commas or spaces)
recommendation-link = Link
recommendation-the-directors-decision = The directors' decision
recommendation-decision = Decision
recommendation-adopt = Adopt
recommendation-reject = Reject
recommendation-record-the-decision = Record the decision
recommendation-improvement-actions = Improvement actions
recommendation-no-improvement-actions-yet = No improvement actions yet.
recommendation-improvement-actions-belong-to-an-adopted = Improvement actions belong to an adopted recommendation.
recommendation-owner = Owner
recommendation-result = Result
recommendation-update-action = Update action:
recommendation-account-not-active = (account not active)
recommendation-add-an-improvement-action = Add an improvement action
recommendation-what-is-to-be-done = What is to be done
recommendation-due-on = Due on
recommendation-add = Add

## recommendations

recommendations-the-register-of-structural = The register of (structural) recommendations from complaints: the directors' decision and the improvement actions.
recommendations-there-are-no-recommendations-yet = There are no recommendations yet.
recommendations-all-recommendations-newest-first = All recommendations, newest first
recommendations-proposed = Proposed
recommendations-actions-still-open = Actions (still open)
recommendations-new-recommendation = New recommendation
recommendations-title = Title
recommendations-no-names-or-other-personal-data-this = No names or other personal data: this text goes into the report.
recommendations-propose = Propose
recommendations-the-recommendations-register-is-for-the = The recommendations register is for the coordinator, the deputy, the director and the board.
recommendations-this-recommendation-does-not-exist = This recommendation does not exist.
recommendations-back = Back
recommendations-enter-a-year = Enter a year.

## register

register-for-complaints-received-by-phone-letter = For complaints received by phone, letter, e-mail, social media or in person. Complaints through the web form are registered by klacht itself.
register-receipt = Receipt
register-how-the-complaint-came-in = How the complaint came in
register-date-received = Date received
register-time = Time
register-where-for-example-desk-activity-phone = Where (for example: desk, activity, phone)
register-concerns-without-account-hint = Is the complaint about someone without an account, such as a volunteer who does not sign in? Choose ‘(nobody in particular)’ and, once registered, record in the file whom it is about, with their name and role.
register-the-complaint-is-about-staff-member-or = The complaint is about (staff member or volunteer)
register-nobody-in-particular = (nobody in particular)
register-the-complainant = The complainant
register-phone-number = Phone number
register-address-and-town = Address and town
register-on-behalf-of-if-someone-else-complains = On behalf of (if someone else complains)
register-relation-to-the-organisation = Relation to the organisation
register-unknown = (unknown)
register-language-of-the-letters = Language of the letters
register-the-complainant-agrees-to-these-details = The complainant agrees to these details being recorded under the privacy statement
register-resolved-directly-t4 = Resolved directly
register-the-complaint-was-settled-to = The complaint was settled to satisfaction on receipt
register-how-it-was-resolved = How it was resolved
register-register = Register

## reports

reports-format = Format
reports-the-half-year-report-for-the-board-with = The half-year report for the board (with references), the anonymous annual report, or the figures for a period of your own. As a web page to print, as PDF or as CSV for a spreadsheet.
reports-last-completed = Last completed
reports-write-the-analysis = write the analysis
reports-half-year-report-t13 = Half-year report
reports-half-year = Half year
reports-first-half-january-june = First half (January–June)
reports-second-half-july-december = Second half (July–December)
reports-show-half-year-report = Show half-year report
reports-annual-report-anonymous-t15 = Annual report, anonymous
reports-show-annual-report = Show annual report
reports-a-period-of-your-own = A period of your own
reports-from-first-day = From (first day)
reports-to-last-day = To (last day)
reports-show-report = Show report
reports-the-reports-are-for-the-coordinator-the = The reports are for the coordinator, the deputy, the director and the board.
reports-download = Download
reports-the-figures-as-json = The figures as JSON
reports-choose-another-report = Choose another report

## set_password

set-password-choose-a-password-for-your-account-this = Choose a password for your account. This link works once.
set-password-your-name = Your name
set-password-your-e-mail-address = Your e-mail address
set-password-new-password = New password
set-password-at-least-12-characters-a-sentence-of-a = At least 12 characters. A sentence of a few words is strong and easy to remember.

## step

step-this-complaint-changed-meanwhile = This complaint changed meanwhile
step-someone-else-took-a-step-meanwhile-what = Someone else took a step meanwhile; what happened is shown below. Your step was not saved; what you typed is still in the form. Check whether your step is still needed, then save again.
step-this-is-not-possible-now = This is not possible now
step-optional = optional
step-preview = Preview
step-this-step-sends-the-complainant-no = This step sends the complainant no letter.
step-preview-the-letter = Preview the letter
step-cancel = Cancel

## totp

totp-your-organisations-regulation-requires-a = Your organisation's regulation requires a second factor for your role. Set it up now; then you can continue.
totp-open-an-authenticator-app-on-your-phone = Open an authenticator app on your phone (for example Microsoft Authenticator, Google Authenticator or FreeOTP).
totp-scan-this-qr-code-or-type-the-key-below = Scan this QR code, or type the key below it.
totp-qr-code-with-the-key-for-your = QR code with the key for your authenticator app
totp-key = Key:
totp-type-the-six-digits-the-app-shows = Type the six digits the app shows.
totp-code = Code
totp-set-up = Set up

## user

user-name-and-roles = Name and roles
user-presence-and-access = Presence and access
user-present-again = Present again
user-mark-absent-deputy-takes-over = Mark absent (deputy takes over)
user-deactivate = Deactivate
user-activate = Activate
user-send-a-new-password-link = Send a new password link
user-clear-second-factor-phone-lost = Clear second factor (phone lost)

## users

users-account-made-for = Account made for
users-an-e-mail-with-a-link-to-choose-a = An e-mail with a link to choose a password was sent to
users-only-the-user-gets-to-see-the-link = Only the user gets to see the link.
users-account-log-who-changed-what-on-which = Account log: who changed what on which account
users-coordination-and-deputising-t17 = Coordination and deputising
users-acting-as-complaints-coordinator-now = Acting as complaints coordinator now:
users-nobody-appoint-a-coordinator-or-deputy = nobody — appoint a coordinator or deputy
users-when-the-coordinator-is-absent-or-a = When the coordinator is absent or a complaint is about them, the regulation has this take over:
users-accounts = Accounts
users-state = State
users-new-account = New account
users-make-account = Make account
users-only-an-administrator-role-admin-manages = Only an administrator (role ‘admin’) manages users.
users-deactivated = deactivated
users-absent = absent
users-no-password-yet = no password yet
users-second-factor-on = second factor on
users-enter-the-name = Enter the name.
users-enter-a-valid-e-mail-address = Enter a valid e-mail address.
users-choose-at-least-one-role = Choose at least one role.
users-there-is-already-an-account-with-this-e = There is already an account with this e-mail address.
users-the-servers-operator = the server's operator
users-this-user-does-not-exist = This user does not exist.
users-you-cannot-change-your-own-roles-let = You cannot change your own roles; let another administrator do that. Nothing was saved.
users-name-and-roles-saved = Name and roles saved.
users-marked-absent-a-deputy-takes-over-t17 = Marked absent: a deputy takes over.
users-present-again = Present again.
users-you-cannot-deactivate-your-own-account = You cannot deactivate your own account.
users-account-activated = Account activated.
users-account-deactivated-its-sessions-api = Account deactivated: its sessions, API tokens and calendar address no longer work.
users-unknown-action = Unknown action.
users-none = none
users-account-made-with-the-roles = account made with the roles:
users-roles-changed = roles changed:
users-account-activated-2 = account activated
users-account-deactivated = account deactivated
users-password-link-sent = password link sent
users-password-set = password set
users-second-factor-cleared-set-up-again-at = second factor cleared (set up again at sign-in)
users-second-factor-set-up = second factor set up
users-second-factor-turned-off-by-the-user = second factor turned off by the user
users-only-the-complaints-coordinator-and-the = Only the complaints coordinator and the administrator read the account log.
users-the-user-themselves = the user themselves
users-the-servers-operator-command-line = the server's operator (command line)

## login (the answer to every failed sign-in)

login-wrong-password = This e-mail address and password do not match, or a wrong password was tried here too often: then wait a little and try again.

## analysis: page titles and labels

analysis-unknown-report = Unknown report

## desk: page titles and labels

desk-form-expired = Form expired
desk-no-access = No access

## dossier: page titles and labels

dossier-not-found = Not found
dossier-form-incomplete = Form incomplete
dossier-document-not-attached = Document not attached
dossier-via = Via
dossier-person-concerned = Person concerned
dossier-held-on = Held on
dossier-summary = Summary
dossier-agreements = Agreements
dossier-text = Text
dossier-was-due = Was due
dossier-now-due = Now due
dossier-with-the-complainants-consent = With the complainant's consent
dossier-as = As
dossier-comment = Comment
dossier-satisfied = Satisfied
dossier-satisfaction-answer = Answer
dossier-satisfaction-reopen = Asks to reopen
dossier-complainants-name = complainant's name
dossier-complainants-address-or-residence = complainant's address or residence
dossier-who-received-the-complaint = who received the complaint
dossier-complainants-e-mail-or-phone = complainant's e-mail or phone
dossier-description-of-the-complaint = description of the complaint
dossier-who-the-complaint-was-forwarded-to = who the complaint was forwarded to
dossier-category = category
dossier-severity = severity
dossier-complainants-relation-2 = complainant's relation
dossier-you-hereby-sign-the-registration-form-of = You hereby sign the registration form of this complaint.
dossier-you-close-the-complaint-that-is-possible = You close the complaint. That is possible only once the registration form is complete, the required signatures are there and the measures were told to the complainant.
dossier-confirm-to-the-complainant-that-the = Confirm to the complainant that the complaint was received.
dossier-record-the-decision-the-complainant = Record the decision; the complainant receives it with the reasons and the measures.
dossier-extend-a-deadline-the-complainant = Extend a deadline; the complainant receives a letter with the reason and the new date.

## login: page titles and labels

login-link-no-longer-works = Link no longer works

## recommendations: page titles and labels

recommendations-evaluations-of-the-regulation = Evaluations of the regulation

## set_password: page titles

set-password-set-your-password = Set your password

## messages of failed steps

dossier-the-form-did-not-arrive-properly-please = The form did not arrive properly. Please try again.
dossier-the-file-is-too-large-or-did-not-arrive = The file is too large or did not arrive properly.
dossier-choose-a-file = Choose a file.
dossier-the-file-is-larger-than-allowed = The file is larger than allowed.
dossier-this-kind-of-file-cannot-be-attached = This kind of file cannot be attached: only PDF, images and office documents.
login-too-many-attempts-from-this-address-wait = Too many attempts from this address. Wait a minute and try again.
login-your-second-factor-cannot-be-checked-the = Your second factor cannot be checked: the server's key does not fit it. Ask the administrator to clear your second factor; then you set up a new one.
login-this-code-is-not-right-or-was-used = This code is not right (or was used already). Type the six digits your authenticator app shows now.

## texts that were chosen by a match on the language

dashboard-escalated = escalated
dashboard-sensitive = sensitive
dossier-there-is-no-complaint-reference-that-you = There is no complaint { $reference } that you may see.
dossier-to-the-dashboard = To the dashboard
dossier-you-cannot-handle-or-decide-on-this = You cannot handle or decide on this complaint: it is about you. It is handled by: { $who }. You see the complaint and what you must do (be heard, sign), not the handling notes.
dossier-back-to-the-complaint = Back to the complaint
login-too-many-sign-in-attempts-from-this = Too many sign-in attempts from this address. Wait { $secs } seconds and try again.
login-too-many-wrong-codes-wait-secs-seconds = Too many wrong codes. Wait { $secs } seconds, then type the code your app shows at that moment.
register-the-date-received-is-in-the-future = The date received is in the future.
register-enter-a-valid-date-and-time-received = Enter a valid date and time received.
register-complaints-sent-through-the-website-are = Complaints sent through the website are registered by klacht itself; choose how this one came in.
register-error-name = Enter the complainant's name.
register-error-description = Describe the complaint.
register-error-contact = Enter an e-mail address or a phone number of the complainant.
register-error-email = Enter a valid e-mail address, like naam@voorbeeld.nl.
register-error-how = Describe how the complaint was resolved at once.

## labels with values (by hand)

dashboard-urgency-on-time = on time
dashboard-urgency-due-soon = due within 1 working day
dashboard-urgency-overdue =
    overdue: { $days ->
        [one] 1 working day
       *[other] { $days } working days
    }
desk-yes = yes
desk-no = no
dossier-the-complainant = complainant
dossier-letter-sent-by-e-mail-on = sent by e-mail on { $date }
dossier-letter-waiting-to-be-sent = waiting to be sent ({ $attempts } attempts)
dossier-saved-step = Saved: { $step }.

## A report's parameters (the API's 422 and the report pages)
report-param-required = is required
report-param-not-whole = must be a whole number
report-param-date-required = is required (YYYY-MM-DD)
report-param-not-date = must be a date, YYYY-MM-DD
report-param-not-lang = expected nl or en
report-param-unknown = is not a parameter of this report
report-param-year = expected a year from 2000 to 2200
report-param-half = expected 1 or 2
report-param-reversed = must not lie before from
report-param-too-long = a period is at most { $days } days
report-param-format-pdf = expected html, pdf or csv
report-param-format = expected html or csv

## A recommendation's, action's or evaluation's field that is wrong
recommendations-field-title = Give the recommendation a title (at most 200 characters).
recommendations-field-text = Describe the recommendation.
recommendations-field-reason = Give the reason for the decision.
recommendations-field-decision = Choose: adopt or reject.
recommendations-field-description = Describe the action.
recommendations-field-owner = Choose an owner with an active account.
recommendations-field-due = Fill in a valid date.
recommendations-field-status = Choose a status.
recommendations-field-year = Fill in a year.
recommendations-field-evaluated-on = Fill in a valid date that does not lie in the future.
recommendations-field-new-version-on = A date of adoption belongs only with a changed regulation.
recommendations-field-changed = Choose whether the regulation was changed.
recommendations-field-complaints = Complaint reference not found or invalid: { $detail }

dossier-fill-this-in = Fill this in.

## Privacy: holds and anonymisation (K8, T10)
dossier-anonymised-why = Why
dossier-anonymised-retention = the retention period had run out
dossier-anonymised-request = on request, before the retention period ended
dossier-hold-reason-hint = For example: a procedure with the ombudsman or in court is still running. While the complaint is held back, it is not anonymised.
dossier-anonymise-reason-hint = For example: request for erasure (art. 17 GDPR) of 3 December. Name no one: this reason stays in the dossier.
dossier-intro-hold = Keep this closed complaint on purpose beyond the retention period, with the reason. Lift the hold once the reason is gone.
dossier-intro-anonymise = Erase all personal data of this closed complaint now: names, contact details, texts, letters, documents and status links. The reference, the dates, the classification, the outcome and the timeline stay, and the figures in the reports do not change. This cannot be undone.
dossier-escalation-not-needed-hint = For example: after consulting the chair it was decided to handle the complaint ourselves. This reason goes into the file.
dossier-intro-escalation-not-needed = This complaint is classified as very serious or sensitive. Record why it is not escalated to the board; after that it no longer shows as 'board consultation needed' on the dashboard.
dossier-rectified-field = Detail
dossier-rectified-value = Correct value
dossier-rectify-value-hint = Left empty, a detail that is not required is cleared. The old value leaves the dossier; only a fingerprint of it stays in the chain.
dossier-banner-anonymised-retention = Anonymised on { $date } (retention period ran out)
dossier-banner-anonymised-request = Anonymised on { $date } (on request)
dossier-banner-anonymised-what = The personal data of this complaint have been erased. The reference, the dates, the classification, the outcome and the timeline remain; nothing more can be done to the complaint or added to it.
dossier-banner-held = Held back on purpose since { $date }: { $reason }
dossier-banner-held-what = While the hold lasts, this complaint is not anonymised, not even when its retention period runs out.
dossier-banner-lift-the-hold = Lift the hold
dossier-removed-when-anonymised = Removed when anonymised.
dossier-anonymise-confirm = I understand that the personal data of this complaint are erased for good.
dossier-anonymise-confirm-error = Tick the box to confirm that you understand anonymising cannot be undone.
step-this-cannot-be-undone = Note: anonymising is final.
step-anonymise-for-good = Anonymise for good

## Retention page (/beheer/bewaartermijn)
desk-retention = Retention and anonymisation
retention-the-retention-period = The retention period
retention-the-period = { $months ->
        [one] The complaints regulation keeps the personal data of a complaint until 1 month after it was closed or withdrawn.
       *[other] The complaints regulation keeps the personal data of a complaint until { $months } months after it was closed or withdrawn.
    }
retention-what-anonymising-does = On the day after, the daily round anonymises the complaint: names, contact details, texts, letters, documents and status links are erased. The reference, the dates, the classification, the outcome and the timeline stay, and the figures in the reports do not change.
retention-how-to-hold-or-anonymise = You keep a closed complaint on purpose for longer, or anonymise it sooner (on request, say), with the steps ‘Hold back from anonymisation’ and ‘Anonymise now’ in the dossier.
retention-due-heading = Anonymised soon
retention-until = The coming { $days } days, up to and including { $date }.
retention-nothing-due = No complaint reaches the end of its retention period in that time.
retention-due-caption = Complaints the daily round anonymises in this period
retention-ended-on = Closed or withdrawn on
retention-anonymised-on = To be anonymised on
retention-at-the-next-round = at the next round
retention-held-heading = Held back on purpose
retention-held-intro = These complaints are not anonymised while the hold lasts, not even after their retention period. Lift the hold once the reason is gone.
retention-nothing-held = No complaint is held back.
retention-held-caption = Complaints held back on purpose, with the reason
retention-held-since = Held since
retention-period-ends = Retention period until
retention-period-ran-out = ran out
retention-lift = Lift the hold
dossier-registration-anonymised = The personal data on the registration form were removed when the complaint was anonymised; the rest is still on it.

## Requests of data subjects (GDPR art. 12, 15, 16, 17)

requests-title = Requests about personal data
requests-intro = Someone asks which data we keep about them (access), asks us to correct it (rectification) or to erase it (erasure). A request is answered within one month; that period can be extended once by two months, when the person is told within the first month.
requests-new-title = Register a request
requests-new-intro = Record what the person asks, who they are and when the request came in. The one-month period starts on that day.
requests-open-heading = Open requests
requests-open-caption = Open requests, most urgent first
requests-none-open = There are no open requests.
requests-settled-heading = Settled requests
requests-settled-caption = Settled requests
requests-none-settled = No requests have been settled yet.
requests-request = Request
requests-request-title = Request { $id }
requests-kind = Kind of request
requests-person = Person
requests-received = Received
requests-settled = Settled
requests-extended = extended
requests-not-yet = not yet
requests-kind-access = Access (art. 15)
requests-kind-rectification = Rectification (art. 16)
requests-kind-erasure = Erasure (art. 17)
requests-relation = Involved as
requests-relation-complainant = complainant
requests-relation-represented = the one on whose behalf it was made
requests-field-name = Name
requests-field-email = E-mail address
requests-field-phone = Phone number
requests-field-address = Address
requests-field-date-of-birth = Date of birth
requests-field-on-behalf-of = On whose behalf
requests-choose-a-kind = Choose what the person asks: access, rectification or erasure.
requests-received-not-in-the-future = The date of receipt lies in the future.
requests-received-as-a-date = Enter the date of receipt as a date, for example 2026-12-06.
requests-what-they-ask = What does the person ask?
requests-who-asks = Who makes the request?
requests-who-asks-hint = Fill in at least one of the three. klacht finds the person's complaints most surely by e-mail address or phone number; check their identity before acting on a name alone.
requests-received-on = Received on
requests-note = Note
requests-note-hint = For yourself: how the request came in, how you checked their identity. Not part of the person's copy.
requests-register = Register the request
requests-to-the-list = To the requests
requests-registered-by = Registered by
requests-choose-a-complaint = Choose the complaint.
requests-choose-a-field = Choose the detail you correct.
requests-confirm-the-erasure = Tick the box to confirm you understand that erasing cannot be undone.
requests-erased-heading = What was erased
requests-erase-done = anonymised.
requests-erase-refused = not erased:
requests-their-complaints = This person's complaints
requests-their-complaints-intro = Every complaint the person made, or that was made on their behalf. A detail the person gave that the complaint holds decides; without one, the name decides.
requests-no-complaints-found = No complaint of this person was found.
requests-their-complaints-caption = The person's complaints
requests-privacy = Personal data
requests-anonymised-on = anonymised on
requests-held-since = held back since
requests-export-heading = Access: the person's data
requests-export-intro = All of the person's data from these complaints, with nobody else's (no notes, no hearings, no staff names). Each download is logged.
requests-export-pdf = Download as PDF (Your data)
requests-export-json = Download as JSON
requests-extend-heading = Extend the period
requests-extend-intro = Once, by two months, within the first month. The person gets the reason by e-mail; without an e-mail address, tell them by post or phone.
requests-extend = Extend by two months
requests-rectify-heading = Correct a detail
requests-rectify-intro = The old detail leaves the dossier; the complaint's history keeps only a fingerprint of it.
requests-which-detail = Which detail
requests-correct-value = The correct detail
requests-correct-value-hint = Leaving it empty clears a detail that is not required.
requests-correct = Correct
requests-erase-heading = Erase
requests-erase-is-final = Note: erasing is final.
requests-erase-intro = Each of the person's complaints that is closed or withdrawn and not held back is anonymised now. For every other complaint you see why not, and what to do first.
requests-erase-confirm = I understand that erasing cannot be undone.
requests-erase = Erase for good
requests-settle-heading = Settle
requests-outcome-label = What was done
requests-outcome-hint = For example: data sent by e-mail; one complaint erased, one still being handled.
requests-settle = Settle the request
requests-log-heading = Log
requests-log-caption = What was done with this request, in order
requests-when = When
requests-who = By
requests-what = What
requests-detail = Detail
requests-log-registered = Registered
requests-log-extended = Period extended
requests-log-told = Person told by e-mail
requests-log-tell = Person still to be told by post or phone (no e-mail address)
requests-log-exported = Data downloaded
requests-log-rectified = Detail corrected
requests-log-anonymised = Anonymised
requests-log-refused = Not erased
requests-log-completed = Settled
dashboard-requests-caption = Open requests about personal data, most urgent first

# The regulation's versions (/beheer/regeling)
regulation-title = Complaints procedure
regulation-intro = Every version of the complaints procedure, with the days it applies. A complaint is handled under the version that applied on the day it was received, also when it is registered later. A new version is written as a draft; you adopt it with the date it takes effect (at midnight).
regulation-public-list = The list of versions on the public site
regulation-versions-caption = Versions, the latest first
regulation-version = Version
regulation-status = Status
regulation-from = Applies from
regulation-until = Applies until
regulation-adopted-at = Recorded on
regulation-note = Note
regulation-note-hint = What changes, or the board's decision (for example: board decision of 1 December 2026).
regulation-draft = Draft
regulation-in-force = Applies now
regulation-future = Not yet in effect
regulation-past = No longer applies
regulation-replaced = Replaced before it took effect
regulation-new-title = Write a new version
regulation-new-intro = Change the text of the complaints procedure and save it as a draft. klacht checks it as ‘klacht profile check’ does and names every error with its line. A draft applies nowhere yet: you adopt it afterwards.
regulation-starts-from = You start from the text of
regulation-the-text = The text (TOML)
regulation-the-text-hint = The format of ‘klacht profile show’. Give the new version a label of its own under version, for example 2027-1.
regulation-toml-required = Fill in the text of the complaints procedure.
regulation-save-draft = Save as a draft
regulation-preview = Preview of the public page
regulation-preview-notice = This is how the page ‘Complaints procedure’ reads with this version. It is a preview: the public site shows the version that applies.
regulation-back-to-the-version = Back to the version
regulation-new-from-this = Write a new version from this one
regulation-adopt-heading = Adopt
regulation-adopt-intro = Adopt this version as the board adopted it. It takes effect at midnight at the start of the date you choose, for everyone; complaints received earlier keep their own version.
regulation-adopted-on = Takes effect on
regulation-adopted-on-hint = The date the board adopted it, or a later date on which it takes effect.
regulation-adopted-on-as-a-date = Give the date as day-month-year, for example 01-01-2027.
regulation-confirm-label = The board adopted this version
regulation-confirm-the-adoption = Tick that the board adopted this version.
regulation-adopt = Adopt
regulation-discard = Discard the draft
regulation-diff-heading = Difference from
regulation-diff-legend = Lines with a minus (-) go, lines with a plus (+) come in.
regulation-compare-heading = Compare with another version
regulation-compare-with = Compare with
regulation-compare = Compare
regulation-no-differences = No difference.
regulation-lines-unchanged = { $count ->
    [one] 1 line unchanged
   *[other] { $count } lines unchanged
}
regulation-no-such-version = This version of the complaints procedure does not exist (any more).
regulation-to-the-list = To the versions of the complaints procedure

## recovery codes (the second factor's stand-in)

account-recovery-codes = Recovery codes
account-recovery-codes-left =
    { $count ->
        [0] You have no recovery codes left. Make new ones, so that you can sign in if you lose your phone.
        [one] You have 1 recovery code left. Make new ones, so that you can still sign in if you lose your phone.
       *[other] You have { $count } recovery codes left. Each works once, instead of a code from your app.
    }
account-make-new-recovery-codes = Make new recovery codes (the old ones stop working)
account-you-signed-in-with-a-recovery-code = You signed in with a recovery code; it will not work again. Can you no longer use your app? Then set up the second factor again below.
code-no-access-to-your-app = No access to your app?
code-recovery-code = Recovery code
code-one-of-the-recovery-codes-you-were-given = One of the recovery codes you were given when you set up the second factor, for example abcd-efgh-jkmn-pqrs. Each code works once.
code-sign-in-with-a-recovery-code = Sign in with a recovery code
code-no-recovery-codes-left-ask-an = No recovery codes left? Ask an administrator to clear your second factor; you then set up a new one when you sign in.
login-this-recovery-code-is-not-right-or-was-used = This recovery code is not right or was used already. Each recovery code works once: type another code from your list.
recovery-your-recovery-codes = Your recovery codes
recovery-with-one-of-these-codes-you-can-sign-in = With one of these codes you sign in when you cannot use your authenticator app, for example because your phone is lost. Each code works once. Keep them on paper or in a password manager, not on the same phone.
recovery-they-are-shown-only-now = You see these codes only now.
recovery-your-earlier-codes-no-longer-work = Your earlier recovery codes no longer work.
recovery-i-have-kept-them-to-my-account = I have kept them: to my account
users-new-recovery-codes-made = new recovery codes made
users-signed-in-with-a-recovery-code = signed in with a recovery code

dashboard-examples-heading = The complaints procedure still shows example details
dashboard-examples-text = Every public page says that example details are shown. Letters are not sent from the example address: they wait until the organisation's own e-mail address is filled in. Still an example:
dashboard-examples-change = Fill in your own details: set up klacht
dashboard-examples-ask = Ask the complaints coordinator or the administrator to fill in the organisation's own details.

# Letters by post (T12): printed from the dossier, marked as sent.
dossier-print-letter = Print letter
dossier-letters-to-post = Letters to send by post
dossier-letters-to-post-intro = The complainant has no e-mail address: these letters go by post. Print them, post them, then mark them as sent.
dossier-mark-letter-sent = Mark as sent by post
dossier-the-letter-is-marked-as-sent = The letter is marked as sent by post.
dossier-letter-posted-on = sent by post on { $date }
dossier-letter-posted-which = Letter
dossier-letter-not-found = Letter not found
dossier-there-is-no-such-letter = This letter is not in this dossier.
dossier-letter-not-marked = Letter not marked as sent

# The decision form: which outcome, and when a step fits better.
dossier-outcome-which-to-choose = Does the complainant withdraw the complaint before you decide? Then use the step ‘Record withdrawal’, not the outcome ‘Withdrawn’. Was the complaint settled to their satisfaction as soon as it came in, register it as ‘Resolved directly’; ‘Resolved’ is for a complaint settled by agreement while it was being handled.

# The escalation form: who is told, before it is saved.
dossier-escalation-who-is-told = Who is told — the director: { $director }; the board: { $board }.
dossier-escalation-nobody = nobody, for nobody holds that role (first add someone with that role under Users)

## Who the complaint is about (T8, K3, K5)
dossier-who-is-it-about = Who the complaint is about
dossier-nobody-in-particular = Nobody in particular
dossier-record-or-change-concerns = Record or change
dossier-no-account = without an account
dossier-concerns-staff = A staff member with an account
dossier-concerns-staff-hint = Choose a staff member, or leave this empty and fill in below the name of someone without an account (a volunteer, for example).
dossier-not-a-staff-member = — not a staff member with an account —
dossier-concerns-name = Name of someone without an account
dossier-concerns-name-hint = Only when the complaint is not about a staff member with an account.
dossier-concerns-role = Role or function
dossier-concerns-contact = How to reach them (phone, e-mail or address)
dossier-concerns-nobody = The complaint is not about a particular person
dossier-how-informed = How they were told
dossier-handler-is-concerned = The complaint is now about its handler, { $name }, who can no longer handle it (K3): assign a new handler.
dossier-signed-on-paper = Signed on paper on
dossier-involved-signed-on = Date the person concerned signed
dossier-involved-signed-on-hint = { $name } has no account and signs the registration form on paper. Fill in the date they signed; you then record the signature on their behalf. Left empty, only your own signature is recorded.

# The regulation's settings pages (T16).
settings-title = Settings
settings-edit-with-forms = Change with forms
settings-intro-draft = This is a draft: what you save goes into this draft. It applies only once you adopt it.
settings-intro-adopted = This is an adopted version: what you save becomes a new draft from this version. This version itself stays as it is.
settings-letter-preview = Preview of the letters
settings-saved = Saved in the draft.
settings-see-the-draft = See the draft and how it differs from the version in force
settings-save = Save as draft
settings-remove = Remove:
settings-remove-adopted-hint = An adopted version has this entry. Complaints that have it keep its name from their own version; new complaints can no longer choose it.
settings-new-entry = New entry
settings-new-entry-hint = Leave the id empty to add nothing. The id is fixed once the version is adopted: complaints refer to it.
settings-new-id = Id (lowercase letters, digits and _)
settings-none = (none)
settings-part-organisatie = Organisation
settings-hint-organisatie = The organisation's name and contact details.
settings-part-kanalen = Channels
settings-hint-kanalen = How a complaint comes in: name, contact, written or oral.
settings-part-categorieen = Categories
settings-hint-categorieen = The kinds of complaint to choose from.
settings-part-ernst = Severities
settings-hint-ernst = A complaint's severity, and when the board is consulted.
settings-part-uitkomsten = Outcomes
settings-hint-uitkomsten = The outcomes of a decision.
settings-part-relaties = Relations
settings-hint-relaties = The complainant's relation to the organisation.
settings-part-tevredenheid = Satisfaction
settings-hint-tevredenheid = The answers the complainant chooses from after closing: satisfied or not, and whether the answer asks to reopen the complaint.
settings-part-termijnen = Deadlines and extension
settings-hint-termijnen = Deadlines in working days or weeks, from when, and how far they may be extended.
settings-part-rollen = Roles
settings-hint-rollen = Who stands in for the coordinator, who needs a second factor.
settings-part-stappen = Steps
settings-hint-stappen = Who may take each step of the handling.
settings-part-registratie = Registration
settings-hint-registratie = Required fields, sign-off and date of birth.
settings-part-bewaren = Retention
settings-hint-bewaren = How long data is kept.
settings-part-rapportages = Reports
settings-hint-rapportages = Half-year and annual reports, small-count threshold, months.
settings-part-teksten = Texts
settings-hint-teksten = The title, the regulation's text, the privacy statement and the introduction, in both languages.
settings-part-brieven = Letters
settings-hint-brieven = Subject and text of each letter, in both languages.
settings-field-organisation-name = Name
settings-field-organisation-email = Email address
settings-field-organisation-phone = Phone number
settings-field-organisation-address = Address
settings-field-organisation-website = Website
settings-field-label-nl = Name (Dutch)
settings-field-label-en = Name (English)
settings-field-form = Form
settings-field-contact = Contact (address, number)
settings-field-consult-board = Consult the board
settings-field-satisfied = Means: satisfied
settings-field-reopen = Asks to reopen the complaint
settings-field-extension-max-count = How often a deadline may be extended (empty: no limit)
settings-field-extension-max-weeks = At most this many weeks per extension
settings-field-extension-max-working-days = At most this many working days per extension
settings-field-extension-beyond-with-consent = Extend further with the complainant's written consent
settings-field-working-days = Working days
settings-field-weeks = Weeks
settings-field-weeks-with-committee = Weeks with an advisory committee
settings-field-from = Runs from
settings-field-met-by = Met by
settings-field-extendable = Can be extended
settings-field-roles-deputies = Deputies of the coordinator, in order
settings-field-roles-second-factor = Roles that sign in with a second factor
settings-field-roles-coordinator-must-be = The coordinator also has the role
settings-field-registration-required = Fields required before closing
settings-field-registration-sign-off = Registration form signed by
settings-field-registration-ask-date-of-birth = Ask the date of birth
settings-field-registration-hear-complainant = Hear the complainant (or waive the hearing) before the decision
settings-field-retention-months-after-close = Months after closing until anonymised
settings-field-retention-read-log-months = Months the read log is kept
settings-field-retention-account-log-months = Months the account log is kept
settings-field-retention-request-months = Months a settled request is kept
settings-field-retention-notice-days = Days a notice is kept
settings-field-retention-mail-days = Days sent mail is kept
settings-field-retention-upload-hours = Hours an unused upload is kept
settings-field-reports-half-year = Half-year report
settings-field-reports-annual = Annual report
settings-field-reports-small-count-threshold = Small-count threshold
settings-field-reports-annual-report-month = Month of the annual report (1–12)
settings-field-reports-evaluation-month = Month of the evaluation (1–12)
settings-field-title-nl = Title (Dutch)
settings-field-title-en = Title (English)
settings-field-texts-intro-nl = Introduction to the form (Dutch)
settings-field-texts-intro-en = Introduction to the form (English)
settings-field-texts-regulation-nl = Text of the regulation (Dutch)
settings-field-texts-regulation-en = Text of the regulation (English)
settings-field-texts-privacy-nl = Privacy statement (Dutch)
settings-field-texts-informal = Address the visitor informally ("je") in Dutch
settings-field-texts-privacy-en = Privacy statement (English)
settings-field-letters-acknowledge-automatically = Send the acknowledgement automatically
settings-field-steps-register = Register
settings-field-steps-acknowledge = Acknowledge
settings-field-steps-record-concerns = Record who the complaint is about
settings-field-steps-assign = Assign
settings-field-steps-inform-involved = Inform the person involved
settings-field-steps-record-hearing = Record a hearing
settings-field-steps-record-contact = Record contact
settings-field-steps-add-note = Add a note
settings-field-steps-attach-document = Attach a document
settings-field-steps-extend = Extend a deadline
settings-field-steps-escalate = Escalate
settings-field-steps-escalation-not-needed = Record why it is not escalated
settings-field-steps-refer-to-committee = Refer to the committee
settings-field-steps-classify = Classify
settings-field-steps-record-measure = Record a measure
settings-field-steps-decide = Decide
settings-field-steps-close = Close
settings-field-steps-withdraw = Record a withdrawal
settings-field-steps-reopen = Reopen
settings-field-steps-report-summary = Summary for the report
settings-field-steps-hold = Hold beyond the period
settings-field-steps-anonymise = Anonymise
settings-field-steps-rectify = Rectify
settings-field-steps-mark-duplicate = Mark as a duplicate
settings-field-steps-link-related = Link related complaints
settings-field-steps-record-complainant-hearing = Record the hearing of the complainant
settings-field-letters-acknowledgement-subject-nl = Acknowledgement: subject (Dutch)
settings-field-letters-acknowledgement-subject-en = Acknowledgement: subject (English)
settings-field-letters-acknowledgement-body-nl = Acknowledgement: text (Dutch)
settings-field-letters-acknowledgement-body-en = Acknowledgement: text (English)
settings-field-letters-extension-subject-nl = Extension: subject (Dutch)
settings-field-letters-extension-subject-en = Extension: subject (English)
settings-field-letters-extension-body-nl = Extension: text (Dutch)
settings-field-letters-extension-body-en = Extension: text (English)
settings-field-letters-decision-subject-nl = Decision: subject (Dutch)
settings-field-letters-decision-subject-en = Decision: subject (English)
settings-field-letters-decision-body-nl = Decision: text (Dutch)
settings-field-letters-decision-body-en = Decision: text (English)
settings-field-letters-satisfaction-subject-nl = Satisfaction: subject (Dutch)
settings-field-letters-satisfaction-subject-en = Satisfaction: subject (English)
settings-field-letters-satisfaction-body-nl = Satisfaction: text (Dutch)
settings-field-letters-satisfaction-body-en = Satisfaction: text (English)
settings-value-coordinator = Coordinator
settings-value-handler = Handler
settings-value-involved = Person involved
settings-value-director = Director
settings-value-board = Board
settings-value-registrar = Registrar
settings-value-staff = Staff member
settings-value-deputy = Deputy
settings-value-admin = Administrator
settings-value-web = Website
settings-value-email = Email
settings-value-phone = Phone
settings-value-letter = Letter
settings-value-in-person = In person
settings-value-social-media = Social media
settings-value-gegrond = Well-founded
settings-value-deels-gegrond = Partly well-founded
settings-value-ongegrond = Unfounded
settings-value-ingetrokken = Withdrawn
settings-value-niet-ontvankelijk = Inadmissible
settings-value-opgelost = Resolved
settings-value-written = Written
settings-value-oral = Oral
settings-value-receipt = Receipt
settings-value-acknowledge = Acknowledgement
settings-value-assign = Assignment
settings-value-escalate = Escalation
settings-value-decide = Decision
settings-value-hearing = Hearing
settings-value-close = Closing
settings-value-complainant-name = Complainant's name
settings-value-complainant-address = Complainant's address
settings-value-complainant-contact = Complainant's contact details
settings-value-description = Description
settings-value-received-by = Received by
settings-value-category = Category
settings-value-severity = Severity
settings-value-relation = Relation
settings-part-versie = Version
settings-hint-versie = The name of this version; a version you adopt needs a name of its own.
settings-field-version = Version
settings-in-dutch = Dutch
settings-in-english = English
settings-letter-preview-intro = Each letter of this version, written for an example complaint received through the form today, as the complainant would get it.
settings-letter-not-written = No example:
settings-letter-acknowledgement = Acknowledgement
settings-letter-extension = Extension
settings-letter-decision = Decision
settings-letter-satisfaction = Satisfaction question

dossier-regulation = Complaints procedure
dossier-regulation-version = Version { $version }, in force on the day it was received

dossier-mail-from = From
dossier-mail-subject = Subject
dossier-mail-how = How
dossier-mail-threaded = Joined this file by itself: a reply to a letter, or the reference from the complainant's address
dossier-mail-added-from-the-tray = Added to this file from the post tray
dossier-mail-left-out = Left out
dossier-letter-bounced = Undeliverable: the e-mail came back on { $date } ({ $reason }). Reach the complainant another way.

## The post tray (issue 17)
tray-title = Post tray
tray-caption = E-mail waiting for you, oldest first
tray-intro = This is e-mail that did not join a file by itself: new complaints, messages klacht could not tie to a complaint, and messages that could not be read. Make a complaint of it, add it to an existing complaint, or mark it as not a complaint.
tray-empty = No e-mail is waiting.
tray-done = The message has been dealt with.
tray-arrived = Received
tray-from = From
tray-subject = Subject
tray-kind = Kind
tray-kind-mail = e-mail
tray-kind-malformed = unreadable message
tray-kind-bounce = delivery failure notice
tray-kind-auto-reply = automatic reply
tray-kind-list = list or bulk mail
tray-no-subject = (no subject)
tray-message-title = Message in the post tray
tray-back-to-the-tray = Back to the post tray
tray-problem = Problem
tray-went = Dealt with
tray-went-tray = In the post tray
tray-went-threaded = Joined complaint by itself
tray-went-registered = Complaint made:
tray-went-added = Added to complaint
tray-went-not-complaint = Not a complaint
tray-went-ignored = Automatic reply, not answered
tray-went-bounce = Delivery failure of complaint
tray-truncated = This message was too large to keep whole: only its headers were kept. Ask the sender to send the attachments again if needed.
tray-text = Text
tray-attachments = Attachments
tray-left-out = Left out
tray-left-out-hint = These attachments were over the limits for attachments and were not kept.
tray-make-a-complaint = Make a complaint of it
tray-make-a-complaint-intro = The details come from the e-mail; change them where needed. The complaint counts as received when the e-mail came in, by e-mail and in writing; the complainant gets an acknowledgement as with the web form.
tray-the-complaint = The complaint
tray-language = Language of the letters
tray-register = Register as a complaint
tray-add-to-a-complaint = Add to an existing complaint
tray-add-intro = Is this a message about a complaint already being handled? Give its reference; the message goes into the file as an e-mail from the complainant.
tray-reference = Reference (for example 2026-0042)
tray-give-a-reference = Give the complaint's reference.
tray-add = Add to the complaint
tray-not-a-complaint = Not a complaint
tray-why-not = Why is this not a complaint?
tray-why-not-hint = For example: a request for information, forwarded to the front desk. The message is deleted after the retention period for e-mail.
tray-mark-not-a-complaint = Mark as not a complaint

# Issue 17: the same complaint twice, related complaints
dossier-duplicate = Duplicate complaint
dossier-duplicate-of = Duplicate of
dossier-related = Related complaint
dossier-duplicate-of-field = Reference of the original complaint
dossier-duplicate-of-hint = For example 2026-0042. This complaint is closed as a duplicate and not counted apart in the reports; its messages and documents stay in its own dossier, which the original complaint links to.
dossier-related-with-field = Reference of the other complaint
dossier-related-with-hint = For example 2026-0042. Both dossiers show the link.
dossier-intro-mark-duplicate = Did the same complaint arrive twice (by e-mail and through the form, say)? Then join this complaint to the original. The complainant gets no acknowledgement for this one any more. To undo it, use “Reopen”.
dossier-intro-link-related = Link a complaint that has to do with this one. They stay two complaints, each counted apart.
dossier-is-a-duplicate-of = This complaint arrived twice and is handled as
dossier-linked-complaints = Linked complaints
dossier-duplicates-joined = Arrived twice and joined to this complaint
dossier-duplicates-joined-intro = Their messages and documents are in their own dossiers.
dossier-duplicate-holds = { $documents } document(s) and { $messages } message(s) from the complainant
dossier-related-complaints = Related complaints
dashboard-1-message-in-the-tray = 1 e-mail in the post tray waits for you
dashboard-messages-in-the-tray = e-mails in the post tray wait for you

# Awb 9:10: the hearing of the complainant.
dossier-hearing = Hearing of the complainant
dossier-hearing-ground = Ground for waiving the hearing
dossier-hearing-ground-none = (none: only when the hearing is waived)
dossier-hearing-ground-hint = Fill in only when the hearing was waived.
dossier-intro-complainant-hearing = Record that the complainant was invited to be heard, was heard, or why the hearing was waived. Where the regulation asks it, a decision can only be taken once the complainant was heard or the hearing waived.

# Issue 18: the ladder (at once, internally, outside).
dossier-rung = Settled on the rung
dossier-external-body = Body
dossier-external-outcome = Outcome of the body
dossier-referral-on = Date the complainant went there
dossier-referral-until = Could go there until
dossier-referral-line = Taken to { $body } on { $on } (period until { $until }).
dossier-referral-outcome = Outcome: { $outcome }, on { $on }.
dossier-referral-pending = The outcome is not known yet; until it is, the complaint is not anonymised.
dossier-intro-refer-outside = Record that after the internal handling the complainant went to a body outside the organisation, such as the ombudsman. Until its outcome is recorded, the complaint is not anonymised.
dossier-intro-external-outcome = Record what the body outside the organisation found.
settings-field-steps-refer-outside = Record that the complainant went outside
settings-field-steps-record-external-outcome = Record the outcome from outside
settings-part-externe-instanties = External bodies
settings-hint-externe-instanties = Where the complainant can go after the internal handling (the ombudsman, the disputes body), and within what period; the decision letter names them.
settings-field-kind = Kind of body
settings-field-name-nl = Name (Dutch)
settings-field-name-en = Name (English)
settings-field-website = Website
settings-field-months = Months in which to go there
settings-value-nationale-ombudsman = National Ombudsman
settings-value-municipal-ombudsman = Municipal ombudsman or ombudsman committee
settings-value-geschilleninstantie = Disputes body (geschilleninstantie)
settings-value-external-committee = External complaints committee
settings-value-decision = Decision

# Issue 18: kept while a body outside the organisation has the complaint.
retention-referral-heading = Kept while a body outside the organisation judges them
retention-referral-intro = The retention period of these complaints is over, but they are with a body outside the organisation (such as the ombudsman) whose outcome has not been recorded. They are anonymised once that outcome is on the dossier.
retention-referral-would-be = Otherwise anonymised on
