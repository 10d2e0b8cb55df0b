# The calendar feed (src/feeds.rs)

feed-calendar = Klachttermijnen
feed-complaint = Klacht
feed-due = uiterlijk vandaag
feed-deadline = Termijn
