"""The JSON API of e-petitions (електронні петиції), one router per face: `public` (anyone, and a
signed-in resident's signature and drafts) and `staff` (moderators and heads). `hromada.api` mounts both."""
