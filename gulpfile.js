// The only job of this file: copy node and credential icons next to the compiled
// JavaScript, where n8n looks for them (`icon: 'file:whatsapp.svg'`).
const path = require('path');
const { task, src, dest, parallel } = require('gulp');

function copyIcons(folder) {
	const copy = () =>
		src(path.resolve(folder, '**', '*.{png,svg}'), { allowEmpty: true, encoding: false }).pipe(
			dest(path.resolve('dist', folder)),
		);
	copy.displayName = `icons:${folder}`;
	return copy;
}

task('build:icons', parallel(copyIcons('nodes'), copyIcons('credentials')));
