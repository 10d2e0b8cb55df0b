# The accessibility statement, /toegankelijkheid (src/site/accessibility.rs). What it says was
# tested is what klacht-web's tests do: change the one with the other.

accessibility-title = Accessibility statement
accessibility-intro = { $organisation } wants everyone to be able to use this website, including people with a disability. This statement is about the public pages of { $site }: the complaint form, the confirmation after sending it, the status page of your complaint, the complaints procedure, the leaflet, the published annual reports and this page.
accessibility-standard-heading = Which requirements
accessibility-standard-text = The pages are made to meet the Web Content Accessibility Guidelines (WCAG) 2.1 at level AA. That is the requirement of the European standard EN 301 549, which applies to the websites of public bodies in the Netherlands.
accessibility-status-heading = How far we are
accessibility-status-text = This website partially meets the requirements. Below is what we test and what we do not. No review by an independent expert has been done.
accessibility-tested-heading = What we test, and how
accessibility-tested-intro = The software of this website is tested automatically on every change, in a real browser (Chromium, without a screen):
accessibility-tested-axe = Every public page is checked with the program axe-core against the automatically testable requirements of WCAG 2.0 and 2.1, level A and AA: the complaint form in Dutch and English, also with error messages, the confirmation after sending it, the status page, the complaints procedure, the leaflet, the list of annual reports and a published annual report in both languages, and this page.
accessibility-tested-keyboard = The complaint form is filled in and sent with the keyboard only. Error messages are at the top and link to each field that is not right.
accessibility-tested-no-javascript = The public pages contain no JavaScript, and the website allows no scripts. So everything works without JavaScript.
accessibility-tested-phone = The complaint form and this statement are tested on a phone screen 390 pixels wide: the page fits without scrolling sideways.
accessibility-tested-language = Every page is available in Dutch and in English, and says which language it is written in.
accessibility-gaps-heading = What is not tested or not right yet
accessibility-gaps-documents = Documents that someone sends with a complaint, such as PDF files and photos, are not checked for accessibility. Nor is the PDF version of an annual report; the annual report's web page has the same content.
accessibility-gaps-texts = { $organisation } writes the text of its complaints procedure itself. The automatic check was done with the software's example procedure, not with this text.
accessibility-gaps-people = It has not been tested by people who use a screen reader, voice control or another assistive tool.
accessibility-gaps-zoom = Zooming to 200 or 400 percent is not tested separately, and the other pages are not tested on a narrow screen.
accessibility-gaps-automatic = Automatic checks find only part of the possible problems.
accessibility-contact-heading = Reporting a problem
accessibility-contact-text = Is there something on this website you cannot use, or do you run into another accessibility problem? Let us know, and we will look for a solution with you.
accessibility-contact-organisation = Organisation
accessibility-contact-complaint = Make a complaint about accessibility
accessibility-date = This statement was drawn up on { $date }.
