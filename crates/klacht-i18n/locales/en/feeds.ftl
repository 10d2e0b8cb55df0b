# The calendar feed (src/feeds.rs)

feed-calendar = Complaint deadlines
feed-complaint = Complaint
feed-due = due today
feed-deadline = Deadline
