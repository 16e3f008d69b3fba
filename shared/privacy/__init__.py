"""Privacy pieces every process uses: nothing sent off the machine, private file modes, ended chat sessions."""
