// Keyboard shortcuts of the applications list (issue #21): j / k move, Enter opens, / goes to the search box.
// A static file, no inline script: the Content-Security-Policy allows scripts from Guichet only.
(function () {
	'use strict';
	document.addEventListener('DOMContentLoaded', function () {
		var rows = Array.prototype.slice.call(document.querySelectorAll('table.applications tbody tr[data-href]'));
		var search = document.getElementById('search');
		var current = -1;

		function select(index) {
			if (rows.length === 0) {
				return;
			}
			if (current >= 0) {
				rows[current].classList.remove('current');
			}
			current = Math.max(0, Math.min(rows.length - 1, index));
			rows[current].classList.add('current');
			rows[current].scrollIntoView({ block: 'nearest' });
		}

		document.addEventListener('keydown', function (event) {
			var target = event.target;
			var typing = target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA');
			if (event.ctrlKey || event.metaKey || event.altKey) {
				return;
			}
			if (typing) {
				if (event.key === 'Escape' && target.blur) {
					target.blur();
				}
				return;
			}
			if (event.key === 'j') {
				select(current + 1);
				event.preventDefault();
			}
			else if (event.key === 'k') {
				select(current - 1);
				event.preventDefault();
			}
			else if (event.key === 'Enter' && current >= 0) {
				window.location.href = rows[current].getAttribute('data-href');
				event.preventDefault();
			}
			else if (event.key === '/' && search) {
				search.focus();
				search.select();
				event.preventDefault();
			}
		});
	});
}());
