// Run by the root build's maven-invoker-plugin after this example's own build passed (not part of the
// example): the README's embedding snippet must be this example's code between its tags, word for word,
// so that the README shows code that was just compiled and tested.
def source = new File(basedir, 'src/main/java/org/example/allocation/EmbeddingExample.java').text
def tagged = (source =~ /(?s)\/\/ tag::embedding\[\]\n(.*?)\n\s*\/\/ end::embedding\[\]/)
assert tagged.find() : 'EmbeddingExample.java has no tag::embedding[] ... end::embedding[] region'
def lines = tagged.group(1).readLines()
def indent = lines.findAll { it.trim() }.collect { it.takeWhile { ch -> ch == ' ' }.size() }.min()
def snippet = lines.collect { it.length() >= indent ? it.substring(indent) : it.trim() }.join('\n')

def readmeText = new File(readme).text
assert readmeText.contains('```java\n' + snippet + '\n```') :
        "README.md's embedding snippet differs from EmbeddingExample's; it should read:\n" + snippet
return true
